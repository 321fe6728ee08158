package io.github.etcdregistry.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Start, stop and refusal rules of a control plane, on the process backend (the binary comes from the environment). */
class ControlPlaneLifecycleTest {

  @Test
  void closeStopsEtcdAndRemovesEveryFileItMade() {
    ControlPlane controlPlane = new ControlPlane().withBackend(Backend.PROCESS);
    controlPlane.start();
    controlPlane.start(); // a second start is harmless
    Path pki = controlPlane.pki().directory();
    assertThat(pki).isDirectory();

    controlPlane.close();
    controlPlane.close(); // and so is a second close

    assertThat(pki).doesNotExist();
    assertThat(controlPlane.isRunning()).isFalse();
    assertThatThrownBy(controlPlane::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  @Test
  void processBackendWithoutBinaryNamesTheSettingToUse() {
    ControlPlane controlPlane = new ControlPlane(new Settings(new Properties(), Map.of())).withBackend(Backend.PROCESS);
    assertThatThrownBy(controlPlane::start)
        .isInstanceOf(ControlPlaneException.class)
        .hasMessageContaining("etcdregistry.etcd.binary")
        .hasMessageContaining("ETCDREGISTRY_ETCD_BINARY");
  }

  @Test
  void binaryThatIsNotExecutableIsRefusedBeforeAnythingStarts() throws Exception {
    Path notABinary = Files.createTempFile("not-etcd", ".txt");
    try {
      ControlPlane controlPlane = new ControlPlane().withBackend(Backend.PROCESS).withEtcdBinary(notABinary);
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
      ControlPlane controlPlane = new ControlPlane().withBackend(Backend.PROCESS).withEtcdBinary(failing);
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
  void unknownBackendNameSaysWhichAreValid() {
    Properties properties = new Properties();
    properties.setProperty(Settings.BACKEND, "kubernetes");
    ControlPlane controlPlane = new ControlPlane(new Settings(properties, Map.of()));
    assertThatThrownBy(controlPlane::start)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("system property etcdregistry.backend is 'kubernetes'")
        .hasMessageContaining("auto, container, process");
  }
}
