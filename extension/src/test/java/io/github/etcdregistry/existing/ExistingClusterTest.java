package io.github.etcdregistry.existing;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThat;
import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.controlplane.KubernetesVersion;
import io.github.etcdregistry.junit.TestNamespace;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.registry.RegistryRecording;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * {@code backend = EXISTING}: tests attach to a control plane another process runs. Nothing is started or stopped,
 * TestNamespace keeps the tests apart, and the assertions read that cluster's etcd.
 */
class ExistingClusterTest {

  private static Process otherProcess;
  private static final Map<String, String> SETTINGS = new LinkedHashMap<>();

  @BeforeAll
  static void startAControlPlaneInAnotherProcess() throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    otherProcess = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ControlPlaneInAnotherProcess.class.getName())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(otherProcess.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); !"ready".equals(line); line = out.readLine()) {
      if (line == null) {
        throw new AssertionError("the other process ended before its control plane was ready");
      }
      if (line.startsWith("etcdregistry.")) {
        SETTINGS.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
      }
    }
  }

  @AfterAll
  static void stopTheOtherProcess() throws Exception {
    if (otherProcess != null) {
      otherProcess.getOutputStream().close(); // its cue to stop its control plane
      assertThat(otherProcess.waitFor(60, TimeUnit.SECONDS)).as("the other process stopped its control plane").isTrue();
      assertThat(otherProcess.exitValue()).isZero();
    }
  }

  @Test
  void theSameTestsRunAgainstTheRunningCluster() throws Exception {
    // only the kubeconfig and etcd settings, no backend: AUTO attaches when etcdregistry.existing.kubeconfig is set
    SETTINGS.forEach((name, value) -> {
      if (!name.equals("etcdregistry.backend")) {
        System.setProperty(name, value);
      }
    });
    try {
      EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(AgainstAnExistingCluster.class)).execute();
      assertThat(results.allEvents().failed().stream().map(ExistingClusterTest::failure)).as("failures").isEmpty();
      assertThat(results.testEvents().succeeded().count()).isEqualTo(4);
    } finally {
      SETTINGS.keySet().forEach(System::clearProperty);
    }

    assertThat(otherProcess.isAlive()).as("the cluster's process still runs").isTrue();
    assertThat(Files.exists(Path.of(SETTINGS.get("etcdregistry.existing.kubeconfig")))).as("its files are still there").isTrue();
    Config config = Config.fromKubeconfig(Files.readString(Path.of(SETTINGS.get("etcdregistry.existing.kubeconfig"))));
    config.setClientKeyAlgo("EC");
    try (KubernetesClient kube = new KubernetesClientBuilder().withConfig(config).build()) {
      List<Namespace> testNamespaces = kube.namespaces().withLabel("etcd-registry/test").list().getItems();
      assertThat(testNamespaces).as("one namespace per test that asked for one, deleted after it").hasSize(3)
          .allSatisfy(ns -> assertThat(ns.getMetadata().getDeletionTimestamp()).isNotNull());
    }
  }

  private static String failure(Event event) {
    return event.getTestDescriptor().getDisplayName() + ": " + event.getPayload(TestExecutionResult.class)
        .flatMap(TestExecutionResult::getThrowable).map(ExistingClusterTest::rootCause).orElse("?");
  }

  private static String rootCause(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause == failure ? failure.toString() : failure + ", caused by " + cause;
  }

  /** Tests written for a control plane of their own; the settings above make them run against the other process's. */
  @WithEtcdRegistry(kubeApiServer = true)
  static class AgainstAnExistingCluster {

    @Test
    void nothingIsStartedOnlyAttached(ControlPlane controlPlane) {
      assertThat(controlPlane.backend()).isEqualTo(Backend.EXISTING);
      assertThat(controlPlane.kubeconfig().toString()).isEqualTo(System.getProperty("etcdregistry.existing.kubeconfig"));
      assertThat(controlPlane.etcdctlCommand()).contains("--endpoints=" + System.getProperty("etcdregistry.existing.etcd.endpoints"));
      assertThatIllegalStateException().isThrownBy(() -> controlPlane.clientFor("alice"))
          .withMessageContaining("attached to an existing cluster");
      assertThatIllegalStateException().isThrownBy(() -> controlPlane.switchKubernetesVersion(KubernetesVersion.DEFAULT.toString()))
          .withMessageContaining("attached to an existing cluster");
      assertThat(controlPlane.kubeconfig()).as("the cluster's kubeconfig, left alone").exists();
    }

    @Test
    void objectsLandInThatClustersEtcd(TestNamespace ns, EtcdRegistry registry) {
      try (RegistryRecording recording = registry.record()) {
        ns.client().configMaps().inNamespace(ns.name()).resource(settings()).create();
        assertThat(recording).writesTo("/registry/configmaps/" + ns.name() + "/settings").hasSize(1);
      }
      assertThatRegistry().hasConfigMap(ns.name(), "settings").isProtobuf().hasVersion(1);
    }

    @Test
    void eachTestHasANamespaceOfItsOwn(TestNamespace ns) {
      ns.client().configMaps().inNamespace(ns.name()).resource(settings()).create(); // the same name as the test above: no clash
      assertThatRegistry().keysUnder("/registry/configmaps/" + ns.name() + "/").containsExactly("/registry/configmaps/" + ns.name() + "/settings");
    }

    @Test
    void waitingWorksOnThatClustersEtcdToo(TestNamespace ns) {
      ns.client().configMaps().inNamespace(ns.name()).resource(settings()).create();
      ns.client().configMaps().inNamespace(ns.name()).withName("settings").delete();
      assertThatRegistry().within(Duration.ofSeconds(10)).doesNotHaveKey("/registry/configmaps/" + ns.name() + "/settings");
    }

    private static io.fabric8.kubernetes.api.model.ConfigMap settings() {
      return new ConfigMapBuilder().withNewMetadata().withName("settings").endMetadata().addToData("mode", "shared-cluster").build();
    }
  }
}
