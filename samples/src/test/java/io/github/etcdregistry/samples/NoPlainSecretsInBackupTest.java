package io.github.etcdregistry.samples;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import io.github.etcdregistry.registry.EtcdRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** For the backup review: no Secret is in plain text in this etcd backup. */
@WithEtcdRegistry(kubeApiServer = true, encryption = "aescbc")
class NoPlainSecretsInBackupTest {

  @Test
  void noSecretInPlainTextInThisBackup(KubernetesClient kube, ControlPlane controlPlane, @TempDir Path directory) {
    kube.secrets().resource(new SecretBuilder().withNewMetadata().withName("db").endMetadata()
        .addToStringData("password", "s3cr3t").build()).create();
    Path backup = controlPlane.snapshot(directory.resolve("etcd-backup.db")); // as `etcdctl snapshot save` writes it

    try (EtcdRegistry restored = EtcdRegistry.fromSnapshot(backup)) {         // etcdutl restores it into a throwaway etcd
      assertThatRegistry(restored).secrets().allEncryptedWith("aescbc");
    }
  }
}
