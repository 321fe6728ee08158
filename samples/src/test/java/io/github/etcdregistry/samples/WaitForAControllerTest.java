package io.github.etcdregistry.samples;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;
import static java.time.Duration.ofSeconds;

import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import org.junit.jupiter.api.Test;

/** Controllers write after the API call returns: wait on etcd for their write instead of sleeping. */
@WithEtcdRegistry(kubeControllerManager = true)
class WaitForAControllerTest {

  @Test
  void endpointsControllerWritesTheServicesEndpoints(KubernetesClient kube) {
    kube.services().resource(new ServiceBuilder().withNewMetadata().withName("web").endMetadata()
        .withNewSpec().addToSelector("app", "web").addNewPort().withPort(80).endPort().endSpec().build()).create();

    assertThatRegistry().within(ofSeconds(30))                // follows an etcd watch, no polling
        .hasEndpoints("default", "web")                       // waits until the key is written
        .isProtobuf();
  }
}
