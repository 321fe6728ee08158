package io.github.etcdregistry.samples;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.registry.RecordedWrite;
import io.github.etcdregistry.registry.RegistryRecording;
import org.junit.jupiter.api.Test;

/** Record what a reconcile writes to etcd: an apply that changes nothing must not write. */
@WithEtcdRegistry(kubeApiServer = true)
class RecordWritesTest {

  // --8<-- [start:apply-once]
  @Test
  void applyingTheSameConfigTwiceWritesOnce(KubernetesClient kube, EtcdRegistry registry) {
    var config = new ConfigMapBuilder().withNewMetadata().withName("app").endMetadata().addToData("mode", "fast").build();
    try (RegistryRecording recording = registry.record()) {
      kube.configMaps().resource(config).fieldManager("my-operator").serverSideApply();
      kube.configMaps().resource(config).fieldManager("my-operator").serverSideApply(); // reconciled again, nothing changed

      assertThat(recording).writesTo("/registry/configmaps/default/app").hasSize(1);
      assertThat(recording).writesBy("my-operator").hasSize(1);
      assertThat(recording).noWritesUnder("/registry/secrets/");
      System.out.println(recording.summary());                // writes and bytes per manager, family and key
    }
  }
  // --8<-- [end:apply-once]

  // --8<-- [start:user-agent]
  @Test
  void anOperatorsOwnClientIsToldFromTheTestsByItsUserAgent(KubernetesClient kube, EtcdRegistry registry) {
    // without server-side apply, kube-apiserver names the manager after the User-Agent up to its first "/"
    try (KubernetesClient operator = new KubernetesClientBuilder()
             .withConfig(new ConfigBuilder(kube.getConfiguration()).withUserAgent("my-operator/1.0").build()).build();
         RegistryRecording recording = registry.record("/registry/configmaps/default/")) {
      operator.configMaps().resource(new ConfigMapBuilder().withNewMetadata().withName("state").endMetadata().addToData("phase", "done").build()).create();
      kube.configMaps().resource(new ConfigMapBuilder().withNewMetadata().withName("fixture").endMetadata().addToData("mode", "test").build()).create();

      assertThat(recording).writesBy("my-operator").extracting(RecordedWrite::key).containsExactly("/registry/configmaps/default/state");
      assertThat(recording).writesBy("fabric8-kubernetes-client").extracting(RecordedWrite::key)
          .containsExactly("/registry/configmaps/default/fixture");
    }
  }
  // --8<-- [end:user-agent]
}
