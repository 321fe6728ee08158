package io.github.etcdregistry.assertions;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import org.junit.jupiter.api.Test;

/** The user's kube-apiserver flags are passed on, and the registry follows a moved --etcd-prefix. */
@WithEtcdRegistry(kubeApiServer = true, backend = Backend.PROCESS,
    kubeApiServerFlags = {"--storage-media-type=application/json", "--etcd-prefix=/k8s"})
class JsonStorageMediaTypeTest {

  @Test
  void builtInTypesAreStoredAsJsonUnderTheMovedPrefix(KubernetesClient kube) {
    kube.pods().resource(new PodBuilder().withNewMetadata().withName("plain").endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer().endSpec().build()).create();

    assertThatRegistry().hasKey("/k8s/pods/default/plain")
        .isJson()
        .decodedAs(Pod.class).extracting(pod -> pod.getSpec().getContainers().get(0).getImage()).isEqualTo("busybox");
    assertThatRegistry().hasPod("default", "plain").hasStoredKind("Pod");
  }
}
