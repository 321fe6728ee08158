package io.github.etcdregistry.encryption;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import org.junit.jupiter.api.Test;

/** A team's own EncryptionConfiguration file: kube-apiserver uses it, and the registry reads with its keys. */
@WithEtcdRegistry(kubeApiServer = true, backend = Backend.PROCESS,
    encryptionConfiguration = "src/test/resources/encryption/own-aesgcm.yaml")
class OwnEncryptionConfigurationTest {

  @Test
  void configMapsAreEncryptedWithTheTeamsKeyAndReadBack(KubernetesClient kube) {
    kube.configMaps().resource(new ConfigMapBuilder().withNewMetadata().withName("flags").endMetadata()
        .addToData("beta", "on").build()).create();

    assertThatRegistry().hasConfigMap("default", "flags")
        .isEncryptedWith("aesgcm").isEncryptedWithKey("team-key-2026")
        .decodedAs(ConfigMap.class).extracting(cm -> cm.getData().get("beta")).isEqualTo("on");
    assertThatRegistry().hasNamespace("default").isNotEncrypted(); // not covered by the configuration
  }
}
