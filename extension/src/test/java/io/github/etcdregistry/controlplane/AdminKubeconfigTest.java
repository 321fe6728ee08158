package io.github.etcdregistry.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;

/**
 * {@link ControlPlane#kubeconfig()} loads in tools that read a kubeconfig themselves: fabric8 as an operator's own
 * {@code new KubernetesClientBuilder().build()} or JOSDK's test extension use it (given the file, nothing else), and
 * client-go, which kube-controller-manager, kube-scheduler and kwok read it with in every run with nodes.
 */
class AdminKubeconfigTest {

  @Test
  void fabric8LoadsTheKubeconfigAsItIs() throws Exception {
    try (ControlPlane controlPlane = new ControlPlane().withBackend(Backend.PROCESS).withKubeApiServer(true)) {
      controlPlane.start();

      Config config = Config.fromKubeconfig(Files.readString(controlPlane.kubeconfig()));
      try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
        assertThat(client.namespaces().withName("default").get()).isNotNull();
      }
      Path key = controlPlane.kubeconfig().resolveSibling(controlPlane.kubeconfig().getFileName() + ".key");
      assertThat(Files.readString(key)).startsWith("-----BEGIN EC PRIVATE KEY-----");
      assertThat(Files.getPosixFilePermissions(key)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE);
    }
  }
}
