package io.github.etcdregistry.samples;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import org.junit.jupiter.api.Test;

/** For the security review: Secrets are encrypted at rest with aescbc key1; ConfigMaps are not. */
@WithEtcdRegistry(kubeApiServer = true, encryption = "aescbc")
class SecretsAreEncryptedAtRestTest {

  @Test
  void secretsAreEncryptedConfigMapsAreNot(KubernetesClient kube) {
    kube.secrets().resource(new SecretBuilder().withNewMetadata().withName("db").endMetadata()
        .addToStringData("password", "s3cr3t").build()).create();
    kube.configMaps().resource(new ConfigMapBuilder().withNewMetadata().withName("settings").endMetadata().build()).create();

    assertThatRegistry().hasSecret("default", "db")
        .isEncryptedWith("aescbc")
        .isEncryptedWithKey("key1")
        .decodedAs(Secret.class)                      // decrypted with the generated key
        .extracting(secret -> secret.getData().keySet()).asString().contains("password");
    assertThatRegistry().hasConfigMap("default", "settings").isNotEncrypted();
  }
}
