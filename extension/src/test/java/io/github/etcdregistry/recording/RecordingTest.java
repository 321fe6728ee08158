package io.github.etcdregistry.recording;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.github.etcdregistry.assertions.RegistrySoftAssertions;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.internal.Poll;
import io.github.etcdregistry.junit.TestNamespace;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.registry.RecordedWrite;
import io.github.etcdregistry.registry.RegistryRecording;
import io.github.etcdregistry.report.HtmlReport;
import io.github.etcdregistry.report.RegistryTree;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A recording sees every write kube-apiserver makes to etcd, with its size and field manager. */
@WithEtcdRegistry(kubeApiServer = true, backend = Backend.PROCESS)
class RecordingTest {

  @Test
  void recordsEachWriteWithRevisionSizeAndManager(TestNamespace ns, EtcdRegistry registry) {
    String key = "/registry/configmaps/" + ns.name() + "/settings";
    try (RegistryRecording recording = registry.record()) {
      ns.client().configMaps().inNamespace(ns.name()).resource(settings("1")).fieldManager("my-operator").serverSideApply();
      ns.client().configMaps().inNamespace(ns.name()).resource(settings("2")).fieldManager("other-controller").forceConflicts().serverSideApply();
      ns.client().configMaps().inNamespace(ns.name()).withName("settings").delete();

      assertThat(recording).writesTo(key).hasSize(3);
      assertThat(recording.writesTo(key)).extracting(RecordedWrite::isCreate, RecordedWrite::isDelete, write -> write.manager().orElse("-"))
          .containsExactly(org.assertj.core.groups.Tuple.tuple(true, false, "my-operator"),
              org.assertj.core.groups.Tuple.tuple(false, false, "other-controller"),
              org.assertj.core.groups.Tuple.tuple(false, true, "-"));
      assertThat(recording).writesBy("my-operator").singleElement().satisfies(write -> {
        assertThat(write.key()).isEqualTo(key);
        assertThat(write.revision()).isGreaterThan(recording.startRevision());
        assertThat(write.valueSize()).as("bytes etcd stored").isPositive();
      });
      assertThat(recording).noWritesUnder("/registry/secrets/");
    }
  }

  @Test
  void makesARepeatedUpdateVisible(TestNamespace ns, EtcdRegistry registry) {
    try (RegistryRecording recording = registry.record()) {
      for (int round = 1; round <= 5; round++) { // a reconcile loop that writes on every pass, changed or not
        ns.client().configMaps().inNamespace(ns.name()).resource(settings("round-" + round)).fieldManager("busy-operator").serverSideApply();
      }
      recording.stop();
      ns.client().configMaps().inNamespace(ns.name()).resource(settings("after")).fieldManager("busy-operator").serverSideApply();

      assertThat(recording).writesTo("/registry/configmaps/" + ns.name() + "/settings").hasSize(5);
      assertThat(recording.summary()).contains("manager", "busy-operator", "family", "configmaps", "key",
          "/registry/configmaps/" + ns.name() + "/settings");
      assertThat(recording.perManager()).filteredOn(tally -> tally.group().equals("busy-operator")).singleElement()
          .satisfies(tally -> assertThat(tally.puts()).isEqualTo(5));
      assertThat(HtmlReport.of(RegistryTree.of(registry)).withRecording(recording).render())
          .contains("<section class=\"recording\">", "<code>busy-operator</code></td><td>5</td>");
    }
  }

  @Test
  void noWritesUnderListsTheWritesThatHappened(TestNamespace ns, EtcdRegistry registry) {
    try (RegistryRecording recording = registry.record()) {
      ns.client().secrets().inNamespace(ns.name()).resource(new SecretBuilder().withNewMetadata().withName("token").endMetadata()
          .addToStringData("token", "s3cr3t-value").build()).fieldManager("my-operator").serverSideApply();

      Throwable failure = catchThrowable(() -> assertThat(recording).noWritesUnder("/registry/secrets/"));
      assertThat(failure).isInstanceOf(AssertionError.class).hasMessageContainingAll(
          "Expecting no write under:", "/registry/secrets/", "CREATE /registry/secrets/" + ns.name() + "/token", "by my-operator")
          .message().doesNotContain("s3cr3t");

      RegistrySoftAssertions softly = new RegistrySoftAssertions();
      softly.assertThat(recording).noWritesUnder("/registry/secrets/");
      softly.assertThat(recording).writesBy("nobody").isNotEmpty();
      assertThat(softly.errorsCollected()).hasSize(2);
    }
    try (RegistryRecording recording = registry.record()) {
      assertThatIllegalArgumentException().isThrownBy(() -> assertThat(recording).writesTo(""))
          .withMessageContaining("must not be null or empty");
    }
  }

  @Test
  void aScopedRecordingKeepsItsPartAndTheSummaryLeavesOutKubeApiServersHeartbeats(TestNamespace ns, EtcdRegistry registry) {
    try (RegistryRecording configMaps = registry.record("/registry/configmaps/");
         RegistryRecording namespace = registry.recordNamespace(ns.name());
         RegistryRecording everything = registry.record()) {
      ns.client().configMaps().inNamespace(ns.name()).resource(settings("1")).fieldManager("my-operator").serverSideApply();
      ns.client().secrets().inNamespace(ns.name()).resource(new SecretBuilder().withNewMetadata().withName("token").endMetadata()
          .addToStringData("token", "t").build()).fieldManager("my-operator").serverSideApply();
      ns.client().configMaps().inNamespace("default").resource(settings("elsewhere")).fieldManager("my-operator").serverSideApply();
      // kube-apiserver renews its identity lease every 10 s
      assertThat(Poll.atMost(Duration.ofSeconds(20)).every(Duration.ofMillis(500))
          .until(() -> everything.writesUnder("/registry/leases/kube-system/apiserver-").size() > 0).outcome()).isEqualTo(Poll.Outcome.MET);

      assertThat(configMaps.writes()).extracting(RecordedWrite::key)
          .containsExactly("/registry/configmaps/" + ns.name() + "/settings", "/registry/configmaps/default/settings");
      assertThat(namespace.writes()).extracting(RecordedWrite::key)
          .containsExactly("/registry/configmaps/" + ns.name() + "/settings", "/registry/secrets/" + ns.name() + "/token");
      assertThat(namespace.summary()).startsWith("2 writes in namespace " + ns.name() + " from revision");
      assertThat(everything.summary()).contains("renewals of kube-apiserver's own leases, not shown")
          .doesNotContain("/registry/leases/kube-system/apiserver-", "masterleases");
      assertThatIllegalArgumentException().isThrownBy(() -> registry.recordNamespace("a/b")).withMessageContaining("Give a namespace's name");
    } finally {
      ns.client().configMaps().inNamespace("default").withName("settings").delete();
    }
  }

  private static ConfigMap settings(String value) {
    return new ConfigMapBuilder().withNewMetadata().withName("settings").endMetadata().addToData("value", value).build();
  }
}
