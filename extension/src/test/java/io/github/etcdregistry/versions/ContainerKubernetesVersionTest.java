package io.github.etcdregistry.versions;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * The container backend runs the image of the version asked for: here the local build of 1.35, although the
 * environment of the test run names the default version's image.
 */
@WithEtcdRegistry(kubeApiServer = true, backend = Backend.CONTAINER, kubernetesVersion = "1.35")
class ContainerKubernetesVersionTest {

  @Test
  void theImageOfTheVersionAskedForRuns(ControlPlane controlPlane) {
    assertThat(controlPlane.kubernetesVersion()).hasToString("v1.35.4");
    assertThat(DockerClientFactory.instance().client().listContainersCmd()
        .withLabelFilter(Map.of("io.github.etcdregistry.control-plane", controlPlane.id())).exec())
        .extracting(Container::getImage)
        .contains("etcd-registry/kube-apiserver:v1.35.4");
  }
}
