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
 * The container backend runs the image of the version asked for, although the environment of the test run names the
 * default version's image: here one built from the cached 1.35 binary, tagged with the first digits of its checksum.
 */
@WithEtcdRegistry(kubeApiServer = true, backend = Backend.CONTAINER, kubernetesVersion = "1.35")
class ContainerKubernetesVersionTest {

  @Test
  void theImageOfTheVersionAskedForRuns(ControlPlane controlPlane) {
    assertThat(controlPlane.kubernetesVersion()).hasToString("v1.35.4");
    assertThat(DockerClientFactory.instance().client().listContainersCmd()
        .withLabelFilter(Map.of("io.github.etcdregistry.control-plane", controlPlane.id())).exec())
        .extracting(Container::getImage)
        .anySatisfy(image -> assertThat(image).matches("etcd-registry/kube-apiserver:v1\\.35\\.4-[0-9a-f]{12}"));
  }
}
