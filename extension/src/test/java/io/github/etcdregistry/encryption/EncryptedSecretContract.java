package io.github.etcdregistry.encryption;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.codec.EncryptionKeys;
import io.github.etcdregistry.codec.UndecodableValueException;
import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.registry.RegistryEntry;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * For one provider: a Secret created through the API is encrypted in etcd with that provider and key1,
 * decrypts to what the API serves, and the wrong key fails with a message naming provider and key.
 */
abstract class EncryptedSecretContract {

  static final String VALUE = "correct horse battery staple";

  abstract String provider();

  @Test
  void secretIsEncryptedWithTheFirstKeyAndReadsBackAsTheApiServesIt(KubernetesClient kube) {
    Secret created = kube.secrets().inNamespace("default").resource(secret("db")).create();

    assertThatRegistry().hasSecret("default", "db")
        .isEncrypted()
        .isEncryptedWith(provider())
        .isEncryptedWithKey("key1")
        .isProtobuf() // what the provider encrypted: the usual protobuf envelope
        .decodedAs(Secret.class)
        .satisfies(stored -> {
          assertThat(stored.getData()).isEqualTo(kube.secrets().inNamespace("default").withName("db").get().getData());
          assertThat(stored.getMetadata().getResourceVersion()).isEqualTo(created.getMetadata().getResourceVersion());
        });
  }

  @Test
  void rawValueDoesNotContainThePlainText(KubernetesClient kube, EtcdRegistry registry) {
    kube.secrets().inNamespace("default").resource(secret("raw")).create();
    RegistryEntry entry = registry.get("/registry/secrets/default/raw").orElseThrow();

    assertThat(new String(entry.value(), StandardCharsets.ISO_8859_1))
        .startsWith("k8s:enc:" + provider() + ":v1:key1:")
        .doesNotContain(VALUE);
  }

  @Test
  void wrongKeyNamesProviderAndKeyWithoutLeakingTheSecret(KubernetesClient kube, EtcdRegistry registry) {
    kube.secrets().inNamespace("default").resource(secret("wrong")).create();
    EtcdRegistry withWrongKey = registry.withEncryptionKeys(EncryptionKeys.none().with(provider(), "key1", new byte[32]));

    Throwable failure = catchThrowable(() -> withWrongKey.get("/registry/secrets/default/wrong").orElseThrow().decode());

    assertThat(failure).isInstanceOf(UndecodableValueException.class)
        .hasMessageContaining(provider())
        .hasMessageContaining("key1")
        .hasMessageContaining("/registry/secrets/default/wrong");
    assertThat(failure.getMessage()).doesNotContain(VALUE);
  }

  @Test
  void failedDecodedAssertionNeverPrintsSecretData(KubernetesClient kube) {
    kube.secrets().inNamespace("default").resource(secret("printed")).create();

    Throwable failure = catchThrowable(() -> assertThatRegistry().hasSecret("default", "printed")
        .decodedAs(Secret.class).isNull());

    assertThat(failure).isInstanceOf(AssertionError.class).hasMessageContaining("Secret default/printed")
        .hasMessageContaining("password");
    assertThat(failure.getMessage()).doesNotContain(VALUE)
        .doesNotContain(java.util.Base64.getEncoder().encodeToString(VALUE.getBytes(StandardCharsets.UTF_8)));
  }

  static Secret secret(String name) {
    return new SecretBuilder().withNewMetadata().withName(name).endMetadata().addToStringData("password", VALUE).build();
  }
}
