package io.github.etcdregistry.audit;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.controlplane.EncryptionAtRest;
import io.github.etcdregistry.report.HtmlReport;
import io.github.etcdregistry.report.RegistryTree;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Secrets written before encryption at rest was turned on stay in plain text until something rewrites them: the audit
 * finds them by name, and after the rewrite kube-apiserver documents ({@code kubectl replace}) finds none.
 */
class EncryptionTurnedOnLaterTest {

  private static final String PASSWORD = "s3cret-value-that-must-not-leak";

  @Test
  void auditFindsThePlainSecretsUntilTheyAreRewritten() {
    try (ControlPlane controlPlane = new ControlPlane().withBackend(Backend.PROCESS).withKubeApiServer(true)
        .withEncryption(EncryptionAtRest.provider("aescbc").writingPlainText())) {
      controlPlane.start();
      KubernetesClient before = controlPlane.kubernetesClient();
      before.secrets().inNamespace("default").resource(secret("written-before-1")).create();
      before.secrets().inNamespace("default").resource(secret("written-before-2")).create();

      controlPlane.reconfigureEncryption(controlPlane.encryption().writingWith("key1")); // encryption turned on
      KubernetesClient after = controlPlane.kubernetesClient();
      after.secrets().inNamespace("default").resource(secret("written-after")).create();

      AuditReport audit = StorageAudit.of(controlPlane.registry()).run();
      assertThat(audit.plainSecrets()).extracting(KeyAudit::key)
          .containsExactly("/registry/secrets/default/written-before-1", "/registry/secrets/default/written-before-2");
      assertThat(audit.resource("secrets").orElseThrow().encryption())
          .containsEntry("identity", 2).containsEntry("aescbc:key1", 1);
      Throwable failure = catchThrowable(() -> assertThatRegistry(controlPlane.registry()).secrets().allEncrypted());
      assertThat(failure).isInstanceOf(AssertionError.class)
          .hasMessageContaining("Expecting all 3 Secrets to be encrypted at rest but 2 are stored in plain text")
          .hasMessageContaining("/registry/secrets/default/written-before-1")
          .hasMessageContaining("/registry/secrets/default/written-before-2")
          .hasMessageNotContaining("written-after");
      assertThat(failure.getMessage()).doesNotContain(PASSWORD);
      String page = HtmlReport.of(RegistryTree.of(controlPlane.registry())).withAudit(audit).render();
      assertThat(page).contains("data-encrypted=\"1\" data-secrets=\"3\"")
          .contains("<li class=\"plain-secret\"><code>/registry/secrets/default/written-before-1</code></li>")
          .doesNotContain(PASSWORD);

      // the documented rewrite: read every Secret and replace it unchanged; kube-apiserver stores it with the first provider
      List<Secret> all = after.secrets().inNamespace("default").list().getItems();
      all.forEach(secret -> after.secrets().inNamespace("default").resource(secret).update());

      assertThat(StorageAudit.of(controlPlane.registry()).run().plainSecrets()).isEmpty();
      assertThatRegistry(controlPlane.registry()).secrets().allEncrypted().allEncryptedWith("aescbc");
      assertThatRegistry(controlPlane.registry()).storedVersions().allAtStorageVersion(); // a fresh cluster's own objects
      Throwable otherProvider = catchThrowable(() -> assertThatRegistry(controlPlane.registry()).secrets().allEncryptedWith("aesgcm"));
      assertThat(otherProvider).hasMessageContaining("/registry/secrets/default/written-after (aescbc:key1)");
    }
  }

  private static Secret secret(String name) {
    return new SecretBuilder().withNewMetadata().withName(name).endMetadata().addToStringData("password", PASSWORD).build();
  }
}
