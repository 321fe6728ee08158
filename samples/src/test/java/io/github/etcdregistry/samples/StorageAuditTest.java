package io.github.etcdregistry.samples;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.audit.AuditReport;
import io.github.etcdregistry.audit.StorageAudit;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.report.HtmlReport;
import io.github.etcdregistry.report.RegistryTree;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storage audit in a test: every Secret encrypted, every object at its storage version, no value near the limit. */
@WithEtcdRegistry(kubeApiServer = true, encryption = "aescbc")
class StorageAuditTest {

  @Test
  void theRegistryPassesTheAudit(KubernetesClient kube, EtcdRegistry registry, @TempDir Path directory) {
    kube.secrets().resource(new SecretBuilder().withNewMetadata().withName("db").endMetadata()
        .addToStringData("password", "s3cr3t").build()).create();

    // --8<-- [start:audit]
    assertThatRegistry().storedVersions().allAtStorageVersion();
    assertThatRegistry().secrets().allEncrypted();               // fails listing the plain ones, by key only
    assertThatRegistry().secrets().allEncryptedWith("aescbc");
    assertThatRegistry().noValueLargerThan(1024 * 1024);

    AuditReport audit = StorageAudit.of(registry).run();         // the numbers, for your own checks
    assertThat(audit.secrets()).hasSize(1);
    Path page = HtmlReport.of(RegistryTree.of(registry)).withAudit(audit).writeTo(directory.resolve("audit.html"));
    // --8<-- [end:audit]
    assertThat(page).content().contains("/registry/secrets/default/db");
  }
}
