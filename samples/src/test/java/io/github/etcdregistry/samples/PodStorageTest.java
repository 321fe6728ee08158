package io.github.etcdregistry.samples;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import org.junit.jupiter.api.Test;

/** Create a Pod through the API, then look at what kube-apiserver wrote to etcd. */
// --8<-- [start:pod-test]
@WithEtcdRegistry(kubeApiServer = true)
class PodStorageTest {

  @Test
  void podIsStoredAsProtobuf(KubernetesClient kube) {
    kube.pods().inNamespace("default").resource(nginx()).create();

    assertThatRegistry().hasPod("default", "nginx")          // key /registry/pods/default/nginx
        .isProtobuf()
        .hasStoredKind("Pod")
        .decodedAs(Pod.class)                                 // fabric8 model object
        .satisfies(p -> assertThat(p.getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:1.27"));
  }

  private static Pod nginx() {
    return new PodBuilder()
        .withNewMetadata().withName("nginx").endMetadata()
        .withNewSpec().addNewContainer().withName("nginx").withImage("nginx:1.27").endContainer().endSpec()
        .build();
  }
}
// --8<-- [end:pod-test]
