package compat;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.registry.RegistryEntry;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The design card's test, as README shows it, plus a decode of everything kube-apiserver stored. */
@WithEtcdRegistry(kubeApiServer = true)
class A_PodIsStoredAsProtobufTest {

  @BeforeAll
  static void remember(ControlPlane controlPlane) {
    StoppedControlPlanes.remember(controlPlane);
  }

  @Test
  void podIsStoredAsProtobuf(KubernetesClient kube) {
    kube.pods().inNamespace("default").resource(new PodBuilder()
        .withNewMetadata().withName("nginx").endMetadata()
        .withNewSpec().addNewContainer().withName("nginx").withImage("nginx:1.27").endContainer().endSpec()
        .build()).create();

    assertThatRegistry().hasPod("default", "nginx")
        .isProtobuf()
        .decodedAs(Pod.class)
        .satisfies(p -> assertThat(p.getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:1.27"));
  }

  @Test
  void everyStoredObjectDecodes(EtcdRegistry registry) {
    List<RegistryEntry> entries = registry.entries("/registry/");

    assertThat(entries).hasSizeGreaterThan(100);
    assertThat(entries).allSatisfy(entry -> assertThat(entry.decode().kind()).as(entry.key()).isNotEmpty());
  }
}
