package io.github.etcdregistry.encryption;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import org.junit.jupiter.api.Test;

/** The identity provider stores plain text, and the assertions say so. */
@WithEtcdRegistry(kubeApiServer = true, encryption = "identity", backend = Backend.PROCESS)
class IdentityEncryptionTest {

  @Test
  void identityStoresPlainText(KubernetesClient kube) {
    kube.secrets().inNamespace("default").resource(EncryptedSecretContract.secret("db")).create();

    assertThatRegistry().hasSecret("default", "db").isNotEncrypted().isProtobuf();
    assertThat(catchThrowable(() -> assertThatRegistry().hasSecret("default", "db").isEncrypted()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("stored in plain text")
        .hasMessageNotContaining(EncryptedSecretContract.VALUE);
  }
}
