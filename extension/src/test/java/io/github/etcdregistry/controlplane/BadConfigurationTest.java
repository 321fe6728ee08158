package io.github.etcdregistry.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.etcdregistry.controlplane.internal.BackendChoice;
import io.github.etcdregistry.controlplane.internal.FreePorts;
import io.github.etcdregistry.controlplane.internal.Owner;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;

/**
 * The mistakes people make when setting a control plane up: each fails within its budget, names the setting and a
 * remedy that works, and leaves no directory, process or container behind. The times are printed for the record.
 */
class BadConfigurationTest {

  private static final Duration BEFORE_ANYTHING_STARTS = Duration.ofSeconds(2);

  @TempDir
  Path scratch;

  private Set<Path> directoriesBefore;

  @BeforeEach
  void rememberTempDirectories() throws IOException {
    directoriesBefore = ourTempDirectories();
  }

  @AfterEach
  void nothingLeftBehind() throws IOException {
    assertThat(ourTempDirectories()).as("temp directories left behind").isSubsetOf(directoriesBefore);
    assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(p -> p.info().commandLine().orElse("?")))
        .as("child processes left behind").isEmpty();
    if (DockerClientFactory.instance().isDockerAvailable()) {
      assertThat(DockerClientFactory.instance().client().listContainersCmd().withShowAll(true)
          .withLabelFilter(Map.of(Owner.PID_LABEL, Long.toString(ProcessHandle.current().pid()))).exec())
          .as("containers left behind").isEmpty();
    }
  }

  @Test
  void noEncryptionKeyIsRefusedBeforeAnythingStarts() {
    failsWithin(BEFORE_ANYTHING_STARTS, () -> EncryptionAtRest.provider("aescbc").withKeyCount(0), "zero encryption keys")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs at least one key")
        .hasMessageContaining("@WithEtcdRegistry(encryptionKeys = 1)")
        .hasMessageContaining("withKeyCount(1)");
  }

  @Test
  void unknownEncryptionProviderNamesTheValidOnes() {
    failsWithin(BEFORE_ANYTHING_STARTS, () -> EncryptionAtRest.provider("aes-cbc"), "unknown encryption provider")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'aes-cbc'")
        .hasMessageContaining("aescbc");
  }

  @Test
  void etcdFlagThatWouldOpenAPlaintextListenerIsRefused() {
    failsWithin(BEFORE_ANYTHING_STARTS, () -> new ControlPlane().withFlags(Component.ETCD, "--listen-client-urls=http://0.0.0.0:2379"),
        "an etcd flag of the control plane's own")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("etcd flag --listen-client-urls is the control plane's own")
        .hasMessageContaining("Remove --listen-client-urls=http://0.0.0.0:2379");
    failsWithin(BEFORE_ANYTHING_STARTS, () -> new ControlPlane().withFlags(Component.ETCD, "max-request-bytes=3145728"), "an etcd flag without --")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("etcd flags look like --name=value, was: max-request-bytes=3145728");
  }

  @Test
  void missingBinaryNamesTheSettingAndTheBuild() {
    Path missing = scratch.resolve("etcd");
    Properties properties = new Properties();
    properties.setProperty(Setting.ETCD_BINARY.key(), missing.toString());
    ControlPlane controlPlane = new ControlPlane(ControlPlaneSpec.etcdOnly(), new Settings(properties, Map.of())).withBackend(Backend.PROCESS);
    failsWithin(BEFORE_ANYTHING_STARTS, controlPlane::start, "missing etcd binary")
        .isInstanceOf(ControlPlaneException.class)
        .hasMessageContaining("system property etcdregistry.etcd.binary points at " + missing)
        .hasMessageContaining("does not exist")
        .hasMessageContaining("the binary artifacts on the class path then provide one");
  }

  @Test
  void binaryThatMayNotRunNamesChmod() throws IOException {
    Path notExecutable = Files.writeString(scratch.resolve("kube-apiserver"), "#!/bin/sh\n");
    ControlPlane controlPlane = new ControlPlane().withBackend(Backend.PROCESS).withKubeApiServer(true)
        .withBinary(Component.KUBE_APISERVER, notExecutable);
    failsWithin(BEFORE_ANYTHING_STARTS, controlPlane::start, "non-executable kube-apiserver binary")
        .isInstanceOf(ControlPlaneException.class)
        .hasMessageContaining("chmod +x " + notExecutable);
  }

  @Test
  void startupTimeoutFromCodeNamesCodeAndAnnotationNotTheProperty() throws IOException {
    ControlPlane controlPlane = new ControlPlane().withBackend(Backend.PROCESS).withBinary(Component.ETCD, neverReady())
        .withStartupTimeout(Duration.ofSeconds(1));
    failsWithin(Duration.ofSeconds(10), controlPlane::start, "startup timeout set in code")
        .hasMessageContaining("was not ready within 1000 ms")
        .hasMessageContaining("raise it with @WithEtcdRegistry(startupTimeoutSeconds = ...) or ControlPlane.withStartupTimeout(...)")
        .hasMessageContaining("etcdregistry.startup-timeout does not apply then");
  }

  @Test
  void startupTimeoutFromThePropertyNamesTheProperty() throws IOException {
    Properties properties = new Properties();
    properties.setProperty(Setting.STARTUP_TIMEOUT.key(), "1");
    properties.setProperty(Setting.ETCD_BINARY.key(), neverReady().toString());
    ControlPlane controlPlane = new ControlPlane(ControlPlaneSpec.etcdOnly(), new Settings(properties, Map.of())).withBackend(Backend.PROCESS);
    failsWithin(Duration.ofSeconds(10), controlPlane::start, "startup timeout from the property")
        .hasMessageContaining("raise it with system property etcdregistry.startup-timeout=<seconds>");
  }

  @Test
  void missingLocalImageFailsInSecondsWithTheBuildCommand() {
    ControlPlane controlPlane = new ControlPlane().withBackend(Backend.CONTAINER)
        .withImage(Component.ETCD, DockerImageName.parse("etcd-registry/etcd:v0.0.0-missing"));
    failsWithin(Duration.ofSeconds(10), controlPlane::start, "missing local image")
        .isInstanceOf(ControlPlaneException.class)
        .hasMessageContaining("etcd-registry/etcd:v0.0.0-missing")
        .hasMessageContaining("to have an image built here from the binary artifacts")
        .hasMessageContaining("etcdregistry.etcd.image");
  }

  /** {@code .invalid} never resolves: the same as a registry behind a firewall, on any machine. */
  @Test
  void imageFromAnUnreachableRegistryFailsInSecondsNotMinutes() {
    ControlPlane controlPlane = new ControlPlane().withBackend(Backend.CONTAINER)
        .withImage(Component.ETCD, DockerImageName.parse("registry.invalid/etcd:v3.6.16"));
    failsWithin(Duration.ofSeconds(10), controlPlane::start, "image from an unreachable registry")
        .isInstanceOf(ControlPlaneException.class)
        .hasMessageContaining("registry.invalid/etcd:v3.6.16")
        .hasMessageContaining("its registry cannot be reached")
        .hasMessageContaining("to have an image built here from the binary artifacts")
        .hasMessageContaining("etcdregistry.etcd.image");
  }

  @Test
  void containerBackendWithoutDockerNamesTheRemedies() {
    Properties properties = new Properties();
    properties.setProperty(Setting.BACKEND.key(), "container");
    BackendChoice noDocker = new BackendChoice(new Settings(properties, Map.of()), () -> false, Optional::empty);
    failsWithin(BEFORE_ANYTHING_STARTS, () -> noDocker.resolve(Backend.CONTAINER, Optional::empty), "explicit container backend without Docker")
        .isInstanceOf(ControlPlaneException.class)
        .hasMessageContaining("The container backend was chosen, but no Docker engine answers")
        .hasMessageContaining("DOCKER_HOST")
        .hasMessageContaining("the docker group")
        .hasMessageContaining("etcdregistry.backend=process");
    failsWithin(BEFORE_ANYTHING_STARTS, () -> noDocker.resolve(Backend.AUTO, Optional::empty), "container backend from a property without Docker")
        .hasMessageContaining("chosen by system property etcdregistry.backend");
  }

  /** A port taken by someone else between choosing it and binding it: every process component starts again elsewhere. */
  @Test
  void portTakenBetweenChoosingAndBindingIsChosenAgain() throws IOException {
    try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int taken = squatter.getLocalPort();
      // the first port each of etcd, kube-apiserver and kube-controller-manager is handed
      FreePorts.handOutFirst("etcd", taken);
      FreePorts.handOutFirst("kube-apiserver", taken);
      FreePorts.handOutFirst("kube-controller-manager", taken);
      try (ControlPlane controlPlane = new ControlPlane().withBackend(Backend.PROCESS).withKubeControllerManager(true)) {
        controlPlane.start();
        assertThat(controlPlane.etcdEndpoint().getPort()).isNotEqualTo(taken);
        assertThat(controlPlane.kubeApiServerUrl().getPort()).isNotEqualTo(taken);
        assertThat(controlPlane.kubernetesClient().namespaces().withName("default").get()).isNotNull();
      } finally {
        FreePorts.handOutFreePorts();
      }
    }
  }

  /** An "etcd" that runs but never answers, so that only the timeout can end the wait. */
  private Path neverReady() throws IOException {
    Path script = Files.writeString(scratch.resolve("never-ready-etcd"), "#!/bin/sh\nexec sleep 60\n");
    assertThat(script.toFile().setExecutable(true)).isTrue();
    return script;
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> failsWithin(Duration budget, ThrowingCallable call, String what) {
    long start = System.nanoTime();
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    System.out.println("time to a clear failure, " + what + ": " + took.toMillis() + " ms");
    assertThat(took).as(what + " took").isLessThanOrEqualTo(budget);
    return assertThat(thrown).as(what).isNotNull();
  }

  private static Set<Path> ourTempDirectories() throws IOException {
    Set<Path> ours = new HashSet<>();
    try (DirectoryStream<Path> all = Files.newDirectoryStream(Path.of(System.getProperty("java.io.tmpdir")), "etcd-registry-*")) {
      for (Path directory : all) {
        if (Owner.ofMarker(directory).map(owner -> owner.pid() == ProcessHandle.current().pid()).orElse(false)) {
          ours.add(directory);
        }
      }
    }
    return ours;
  }

}
