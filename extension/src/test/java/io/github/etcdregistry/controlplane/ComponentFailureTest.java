package io.github.etcdregistry.controlplane;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.controlplane.internal.container.ComponentContainer;
import io.github.etcdregistry.internal.Poll;
import io.github.etcdregistry.registry.EtcdRegistry;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.testcontainers.DockerClientFactory;

/**
 * A component killed under a running test: the next call that needs it (a registry read for etcd; a client call or a
 * {@link ControlPlane} method for the others) fails within 2 s and says which component ended and how, and
 * {@link ControlPlane#isRunning()} says false. The registry reads on while etcd runs.
 */
class ComponentFailureTest {

  private static final Duration CLEAR_FAILURE = Duration.ofSeconds(2);

  @ParameterizedTest
  @EnumSource(value = Backend.class, names = {"PROCESS", "CONTAINER"})
  void etcdKilledFailsTheNextReadAndClientCallWithItsExit(Backend backend) {
    try (ControlPlane controlPlane = new ControlPlane().withBackend(backend).withKubeApiServer(true)) {
      controlPlane.start();
      KubernetesClient client = controlPlane.kubernetesClient();
      assertThat(controlPlane.registry().keys("/registry/namespaces/")).isNotEmpty();

      Components.kill(controlPlane, "etcd");

      String exit = backend == Backend.PROCESS ? "etcd (pid " : "etcd container ";
      assertFailsFast("registry read after etcd died", () -> controlPlane.registry().keys("/registry/"), exit);
      assertFailsFast("client call after etcd died", () -> client.configMaps().list(), exit);
      assertFailsFast("ControlPlane method after etcd died", controlPlane::etcdEndpoint, exit);
      assertThat(controlPlane.isRunning()).isFalse();
      assertThat(controlPlane.recentLogs()).as("logs stay readable for the diagnosis").isNotEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(value = Backend.class, names = {"PROCESS", "CONTAINER"})
  void kubeApiServerKilledFailsTheNextClientCallWithItsExitWhileTheRegistryReadsOn(Backend backend) {
    try (ControlPlane controlPlane = new ControlPlane().withBackend(backend).withKubeApiServer(true)) {
      controlPlane.start();
      KubernetesClient client = controlPlane.kubernetesClient();
      client.configMaps().inNamespace("default").resource(configMap("before")).create();
      EtcdRegistry registry = controlPlane.registry();

      Components.kill(controlPlane, "kube-apiserver");

      String exit = backend == Backend.PROCESS ? "kube-apiserver (pid " : "kube-apiserver container ";
      assertFailsFast("client call after kube-apiserver died", () -> client.configMaps().list(), exit);
      assertThat(controlPlane.isRunning()).isFalse();
      assertThatRegistry(registry).hasConfigMap("default", "before");
      assertThatRegistry(controlPlane.registry()).hasConfigMap("default", "before");
      assertFailsFast("ControlPlane method after kube-apiserver died", controlPlane::kubeApiServerUrl, exit);
    }
  }

  /**
   * kube-controller-manager, kube-scheduler and kwok, which only act through kube-apiserver, are named as soon as they
   * end too; the registry reads on.
   */
  @ParameterizedTest
  @CsvSource({"PROCESS, kube-controller-manager", "PROCESS, kube-scheduler", "PROCESS, kwok", "CONTAINER, kube-controller-manager",
      "CONTAINER, kwok"})
  void aComponentOnTopOfKubeApiServerKilledIsNamedByTheNextCallWhileTheRegistryReadsOn(Backend backend, String component) {
    try (ControlPlane controlPlane = new ControlPlane().withBackend(backend).withNodes(1)) {
      controlPlane.start();
      KubernetesClient client = controlPlane.kubernetesClient();
      client.configMaps().inNamespace("default").resource(configMap("before")).create();
      assertThat(controlPlane.isRunning()).isTrue();

      Components.kill(controlPlane, component);

      Poll.atMost(Duration.ofSeconds(1)).every(Duration.ofMillis(10)).until(() -> !controlPlane.isRunning()); // the watch looks every 250 ms
      String exit = backend == Backend.PROCESS ? component + " (pid " : component + " container ";
      assertThat(controlPlane.isRunning()).as("running, a second after " + component + " was killed").isFalse();
      assertFailsFast("ControlPlane method after " + component + " died", controlPlane::kubeApiServerUrl, exit);
      assertFailsFast("client call after " + component + " died", () -> client.configMaps().list(), exit);
      assertThat(controlPlane.recentLogs()).contains(component + ":");
      assertThatRegistry(controlPlane.registry()).hasConfigMap("default", "before");
    }
  }

  private static ConfigMap configMap(String name) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().addToData("written", "before").build();
  }

  private static void assertFailsFast(String what, ThrowingCallable call, String naming) {
    long start = System.nanoTime();
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    System.out.println("time to a clear failure, " + what + ": " + took.toMillis() + " ms: " + thrown);
    assertThat(thrown).as(what).hasMessageContaining(naming).hasMessageMatching("(?s).*(exit code|exited with code) .*");
    assertThat(took).as(what + " took").isLessThanOrEqualTo(CLEAR_FAILURE);
  }

  /** Kills a component the way a crash would: SIGKILL to the process, {@code docker kill} to the container. */
  static final class Components {

    private Components() {}

    static void kill(ControlPlane controlPlane, String component) {
      if (controlPlane.backend() == Backend.CONTAINER) {
        var docker = DockerClientFactory.instance().client();
        docker.listContainersCmd().withLabelFilter(Map.of(ComponentContainer.CONTROL_PLANE_LABEL, controlPlane.id(),
                ComponentContainer.LABEL + ".component", component)).exec()
            .forEach(container -> docker.killContainerCmd(container.getId()).exec());
        return;
      }
      String workspace = controlPlane.pki().directory().getParent().toString(); // in each of its components' command lines
      ProcessHandle.allProcesses()
          .filter(p -> p.info().command().map(command -> command.endsWith("/" + component)).orElse(false))
          .filter(p -> p.info().commandLine().map(line -> line.contains(workspace)).orElse(false))
          .forEach(p -> {
            p.destroyForcibly();
            p.onExit().join();
          });
    }
  }
}
