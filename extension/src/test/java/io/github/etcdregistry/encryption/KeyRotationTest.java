package io.github.etcdregistry.encryption;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import org.junit.jupiter.api.Test;

/** Rotating to key2: updated objects move to it, untouched ones keep key1 until rewritten. */
@WithEtcdRegistry(kubeApiServer = true, encryption = "aescbc", encryptionKeys = 2, backend = Backend.PROCESS)
class KeyRotationTest {

  @Test
  void updatedObjectsMoveToTheNewWriteKey(ControlPlane controlPlane) {
    KubernetesClient before = controlPlane.kubernetesClient();
    before.secrets().inNamespace("default").resource(EncryptedSecretContract.secret("rotated")).create();
    before.secrets().inNamespace("default").resource(EncryptedSecretContract.secret("untouched")).create();
    assertThatRegistry().hasSecret("default", "rotated").isEncryptedWithKey("key1");

    controlPlane.reconfigureEncryption(controlPlane.encryption().writingWith("key2"));
    KubernetesClient after = controlPlane.kubernetesClient();
    after.secrets().inNamespace("default").withName("rotated").edit(s -> {
      s.getMetadata().getLabels().put("rotated", "yes");
      return s;
    });

    assertThatRegistry().hasSecret("default", "rotated").isEncryptedWith("aescbc").isEncryptedWithKey("key2").hasVersion(2)
        .decodedAs(Secret.class).extracting(s -> s.getMetadata().getLabels().get("rotated")).isEqualTo("yes");
    assertThatRegistry().hasSecret("default", "untouched").isEncryptedWithKey("key1").hasVersion(1);
  }
}
