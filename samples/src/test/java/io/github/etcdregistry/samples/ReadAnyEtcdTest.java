package io.github.etcdregistry.samples;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import io.github.etcdregistry.registry.EtcdRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Any etcd, read with the certificate kube-apiserver uses: here the test's own, on a kubeadm node a real cluster's. */
@WithEtcdRegistry(kubeApiServer = true, encryption = "aescbc")
class ReadAnyEtcdTest {

  @Test
  void borrowedCertificatesReadARealClustersEtcd(KubernetesClient kube, ControlPlane controlPlane) {
    kube.secrets().inNamespace("kube-system").resource(new SecretBuilder().withNewMetadata().withName("bootstrap-token-abcdef")
        .endMetadata().addToStringData("token-secret", "0123456789abcdef").build()).create();

    // --8<-- [start:read-any-etcd]
    Path pki = controlPlane.pki().directory();                   // on a kubeadm node: Path.of("/etc/kubernetes/pki")
    try (EtcdRegistry registry = EtcdRegistry.builder()
        .endpoints(controlPlane.etcdEndpoint().toString())       // there: "https://127.0.0.1:2379"
        .trustedCa(pki.resolve("etcd/ca.crt"))
        .clientCertificate(pki.resolve("apiserver-etcd-client.crt"), pki.resolve("apiserver-etcd-client.key"))
        .build()) {
      assertThatRegistry(registry).hasSecret("kube-system", "bootstrap-token-abcdef").isEncryptedWith("aescbc");
    }
    // --8<-- [end:read-any-etcd]
  }
}
