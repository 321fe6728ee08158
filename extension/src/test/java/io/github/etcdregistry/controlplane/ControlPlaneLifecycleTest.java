package io.github.etcdregistry.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import io.github.etcdregistry.binaries.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;

/** Start, stop and refusal rules of a control plane, on the process backend (the binary comes from the environment). */
class ControlPlaneLifecycleTest {

  @Test
  void closeStopsEtcdAndRemovesEveryFileItMade() {
    ControlPlane controlPlane = new ControlPlane().withBackend(Backend.PROCESS);
    controlPlane.start();
    controlPlane.start(); // a second start is harmless
    Path pki = controlPlane.pki().directory();
    assertThat(pki).isDirectory();
    ProcessHandle etcd = etcdProcessOf(controlPlane);
    Path workDirectory = dataDirectoryOf(etcd).getParent();
    assertThat(workDirectory).isDirectory();

    controlPlane.close();
    controlPlane.close(); // and so is a second close

    assertThat(pki).doesNotExist();
    assertThat(workDirectory).doesNotExist();
    assertThat(etcd.isAlive()).as("etcd, pid %d", etcd.pid()).isFalse();
    assertThat(controlPlane.isRunning()).isFalse();
    assertThatThrownBy(controlPlane::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  /**
   * Found from outside, as a person would with ps: the etcd binary among this JVM's descendants that serves the control
   * plane's port (the shell that guards it carries the same arguments).
   */
  private static ProcessHandle etcdProcessOf(ControlPlane controlPlane) {
    String clientUrl = "--listen-client-urls=" + controlPlane.etcdEndpoint();
    List<ProcessHandle> etcd = ProcessHandle.current().descendants()
        .filter(process -> process.info().command().map(command -> Path.of(command).getFileName().toString().equals("etcd")).orElse(false))
        .filter(process -> process.info().arguments().map(arguments -> Arrays.stream(arguments).anyMatch(clientUrl::equals)).orElse(false))
        .toList();
    assertThat(etcd).as("etcd processes started with %s", clientUrl).hasSize(1);
    return etcd.get(0);
  }

  private static Path dataDirectoryOf(ProcessHandle etcd) {
    return Arrays.stream(etcd.info().arguments().orElseThrow()).filter(argument -> argument.startsWith("--data-dir="))
        .map(argument -> Path.of(argument.substring("--data-dir=".length()))).findFirst().orElseThrow();
  }

  @Test
  void optionsAreFixedOnceTheControlPlaneStarted() {
    try (ControlPlane controlPlane = new ControlPlane().withBackend(Backend.PROCESS)) {
      controlPlane.start();
      assertThatThrownBy(() -> controlPlane.withStartupTimeout(Duration.ofSeconds(5)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("ControlPlane.withStartupTimeout(...) after start(): the control plane is started and its options are fixed."
              + " Configure a new ControlPlane, or change the running one with reconfigureEncryption(...) or switchKubernetesVersion(...).");
      controlPlane.close();
      assertThatThrownBy(() -> controlPlane.withBackend(Backend.CONTAINER))
          .hasMessage("ControlPlane.withBackend(...) after start(): the control plane is closed and its options are fixed."
              + " Configure a new ControlPlane.");
    }
  }

  @Test
  void processBackendWithoutBinaryNamesTheDependencyAndTheSettingToUse(@TempDir Path emptyCache) {
    Properties properties = new Properties();
    properties.setProperty(Setting.CACHE_DIR.key(), emptyCache.toString());
    ControlPlane controlPlane = new ControlPlane(ControlPlaneSpec.etcdOnly(), new Settings(properties, Map.of())).withBackend(Backend.PROCESS)
        .withKubeApiServer(true).withKubernetesVersion("1.36.1"); // a release no binary artifact on this class path holds
    assertThatThrownBy(controlPlane::start)
        .isInstanceOf(ControlPlaneException.class)
        .hasMessageContaining("kube-apiserver v1.36.1 for " + Platform.current() + " is neither in the cache")
        .hasMessageContaining("Add the test dependency io.github.etcdregistry.binaries:kubernetes:1.36.1")
        .hasMessageContaining("Or set etcdregistry.kube-apiserver.binary");
    assertThat(controlPlane.isRunning()).isFalse();
  }

  @Test
  void binaryThatIsNotExecutableIsRefusedBeforeAnythingStarts() throws Exception {
    Path notABinary = Files.createTempFile("not-etcd", ".txt");
    try {
      ControlPlane controlPlane = new ControlPlane().withBackend(Backend.PROCESS).withBinary(Component.ETCD, notABinary);
      assertThatThrownBy(controlPlane::start).isInstanceOf(ControlPlaneException.class).hasMessageContaining("not an executable file");
    } finally {
      Files.delete(notABinary);
    }
  }

  @Test
  void etcdThatExitsAtOnceFailsFastWithItsOutput() throws Exception {
    Path failing = Files.createTempFile("fake-etcd", ".sh");
    Files.writeString(failing, "#!/bin/sh\necho 'etcd: cannot start: disk on fire' >&2\nexit 3\n");
    failing.toFile().setExecutable(true);
    try {
      ControlPlane controlPlane = new ControlPlane().withBackend(Backend.PROCESS).withBinary(Component.ETCD, failing);
      assertThatThrownBy(controlPlane::start)
          .isInstanceOf(ControlPlaneException.class)
          .hasMessageContaining("stopped before it was ready")
          .hasMessageContaining("exited with code 3")
          .hasMessageContaining("disk on fire");
    } finally {
      Files.delete(failing);
    }
  }

  @Test
  void kubeApiServerThatExitsFailsWithItsFlagsAndOutputAndStopsEtcd() throws Exception {
    Path failing = Files.createTempFile("fake-kube-apiserver", ".sh");
    Files.writeString(failing, "#!/bin/sh\necho 'E1128 run.go:72 \"command failed\" err=\"bad flag\"' >&2\nexit 1\n");
    failing.toFile().setExecutable(true);
    try {
      ControlPlane controlPlane = new ControlPlane().withBackend(Backend.PROCESS).withKubeApiServer(true).withBinary(Component.KUBE_APISERVER, failing);
      assertThatThrownBy(controlPlane::start)
          .isInstanceOf(ControlPlaneException.class)
          .hasMessageContaining("kube-apiserver")
          .hasMessageContaining("exited with code 1")
          .hasMessageContaining("--etcd-servers=https://127.0.0.1:")
          .hasMessageContaining("--etcd-certfile=")
          .hasMessageContaining("command failed");
      assertThat(controlPlane.isRunning()).isFalse();
    } finally {
      Files.delete(failing);
    }
  }

  @ParameterizedTest(name = "with kube-apiserver: {0}")
  @ValueSource(booleans = {false, true})
  void imageWithoutEtcdNamesTheImageAndTheSettingAndLeavesNoContainerOrNetwork(boolean withKubeApiServer) {
    String notEtcd = System.getenv("ETCDREGISTRY_KUBE_APISERVER_IMAGE"); // a local image with no /usr/local/bin/etcd
    ControlPlane controlPlane = new ControlPlane().withBackend(Backend.CONTAINER).withImage(Component.ETCD, DockerImageName.parse(notEtcd))
        .withKubeApiServer(withKubeApiServer);

    assertThatThrownBy(controlPlane::start)
        .isInstanceOf(ControlPlaneException.class)
        .hasMessageContaining("Could not start etcd in a container from image " + notEtcd)
        .hasMessageContaining("etcdregistry.etcd.image");
    DockerClient docker = DockerClientFactory.instance().client();
    Map<String, String> ours = Map.of("io.github.etcdregistry.control-plane", controlPlane.id());
    assertThat(docker.listContainersCmd().withShowAll(true).withLabelFilter(ours).exec()).isEmpty();
    assertThat(docker.listNetworksCmd().exec()).noneMatch(network -> network.getLabels() != null
        && controlPlane.id().equals(network.getLabels().get("io.github.etcdregistry.control-plane")));
  }

  @Test
  void unknownBackendNameSaysWhichAreValid() {
    Properties properties = new Properties();
    properties.setProperty(Setting.BACKEND.key(), "kubernetes");
    ControlPlane controlPlane = new ControlPlane(ControlPlaneSpec.etcdOnly(), new Settings(properties, Map.of()));
    assertThatThrownBy(controlPlane::start)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("system property etcdregistry.backend is 'kubernetes'")
        .hasMessageContaining("auto, container, process");
  }

  @ParameterizedTest(name = "publish address {0}")
  @ValueSource(strings = {"", "0.0.0.0"})
  void containerPortsArePublishedOnLoopbackUnlessOpenedUp(String setting) {
    Properties properties = new Properties();
    properties.setProperty(Setting.ETCD_IMAGE.key(), System.getenv("ETCDREGISTRY_ETCD_IMAGE"));
    if (!setting.isEmpty()) {
      properties.setProperty(Setting.PUBLISH_ADDRESS.key(), setting);
    }
    try (ControlPlane controlPlane = new ControlPlane(ControlPlaneSpec.etcdOnly(), new Settings(properties, Map.of())).withBackend(Backend.CONTAINER)) {
      controlPlane.start();
      DockerClient docker = DockerClientFactory.instance().client();
      var etcd = docker.listContainersCmd().withLabelFilter(Map.of("io.github.etcdregistry.control-plane", controlPlane.id())).exec();
      assertThat(etcd).hasSize(1);
      assertThat(etcd.get(0).getPorts()).isNotEmpty()
          .allSatisfy(port -> assertThat(port.getIp()).isEqualTo(setting.isEmpty() ? "127.0.0.1" : setting));
      assertThat(controlPlane.registry().keys("/")).isNotNull(); // and this JVM still reaches it
    }
  }
}
