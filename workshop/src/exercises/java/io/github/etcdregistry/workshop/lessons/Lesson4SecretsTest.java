package io.github.etcdregistry.workshop.lessons;

import static io.github.etcdregistry.workshop.Blanks.___;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.workshop.Expect;
import io.github.etcdregistry.workshop.LessonObjects;
import io.github.etcdregistry.workshop.Workshop;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Lesson 4 — Secrets in plain text, then encrypted.
 *
 * <p>In namespace {@code lesson4}: Secret {@code db} with a {@code password}. First on the workshop's control
 * plane, which has no EncryptionConfiguration; then on one whose kube-apiserver encrypts Secrets with aescbc.
 */
@Workshop
class Lesson4SecretsTest {

  private static final String KEY = "/registry/secrets/lesson4/db";

  @BeforeAll
  static void create(KubernetesClient kube) {
    LessonObjects.secrets(kube);
  }

  @Test
  void whereAndHowASecretIsStored(KubernetesClient kube) {
    Expect.keyOf(kube.secrets().inNamespace("lesson4").withName("db").get(), ___);
    Expect.encodingOf(KEY, ___);
  }

  @Test
  void canWhoeverReadsEtcdReadThePassword(EtcdRegistry registry) {
    // Can the password be read in etcd's bytes? yes or no
    Expect.text("whether the password is legible in etcd", legible(registry) ? "yes" : "no", ___,
        "base64 is how the API shows Secret data, not how etcd stores it: the protobuf holds the bytes as they are");
  }

  /** The same Secret, on a control plane whose kube-apiserver runs with an aescbc EncryptionConfiguration for Secrets. */
  @Nested
  @WithEtcdRegistry(kubeApiServer = true, encryption = "aescbc")
  class EncryptedAtRest {

    @BeforeAll
    static void create(KubernetesClient kube) {
      LessonObjects.secrets(kube);
    }

    @Test
    void howTheValueIsStored() {
      Expect.encodingOf(KEY, ___);
    }

    @Test
    void thePrefixNamesProviderAndKey() {
      // Everything before the ciphertext: `k8s:enc:<provider>:v1:<key name>:`. The key is named key1.
      Expect.valueBeginsWith(KEY, ___);
    }

    @Test
    void canWhoeverReadsEtcdStillReadThePassword(EtcdRegistry registry, KubernetesClient kube) {
      Expect.text("whether the password is legible in etcd", legible(registry) ? "yes" : "no", ___,
          "aescbc encrypts the whole protobuf; only kube-apiserver, with key1, reads it back");
      Secret throughTheApi = kube.secrets().inNamespace("lesson4").withName("db").get();
      assertThat(Base64.getDecoder().decode(throughTheApi.getData().get("password")))
          .isEqualTo(LessonObjects.PASSWORD.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Whether the password's bytes appear in the stored value; the password itself is never printed. */
  private static boolean legible(EtcdRegistry registry) {
    String stored = new String(registry.get(KEY).orElseThrow().value(), StandardCharsets.ISO_8859_1);
    return stored.contains(LessonObjects.PASSWORD);
  }
}
