package io.github.etcdregistry.audit;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.github.etcdregistry.assertions.RegistrySoftAssertions;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import io.github.etcdregistry.registry.EtcdRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A snapshot saved from a running etcd, restored with etcdutl into a throwaway etcd: the same keys, history and audit. */
@WithEtcdRegistry(backend = Backend.PROCESS)
class SnapshotAuditTest {

  private static final String PASSWORD = "hunter2-never-printed";

  @TempDir
  Path directory;

  @Test
  void restoredBackupHoldsEveryKeyWithItsHistory(ControlPlane controlPlane, Client etcd) throws Exception {
    for (int i = 1; i <= 3; i++) {
      put(etcd, "/registry/configmaps/default/settings", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"settings\"},\"data\":{\"n\":\"" + i + "\"}}\n");
    }
    put(etcd, "/registry/secrets/default/db", "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"db\"},\"stringData\":{\"password\":\"" + PASSWORD + "\"}}\n");
    put(etcd, "/registry/horizontalpodautoscalers/default/web", "{\"apiVersion\":\"autoscaling/v1\",\"kind\":\"HorizontalPodAutoscaler\",\"metadata\":{\"name\":\"web\"}}\n");

    Path backup = controlPlane.snapshot(directory.resolve("backup.db"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup))).isEqualTo("rw-------");
    put(etcd, "/registry/configmaps/default/after-the-backup", "{}");

    AuditReport report;
    try (EtcdRegistry restored = EtcdRegistry.fromSnapshot(backup)) {
      assertThat(restored.keys("/registry/")).contains("/registry/configmaps/default/settings", "/registry/secrets/default/db")
          .doesNotContain("/registry/configmaps/default/after-the-backup");
      report = StorageAudit.of(restored).run();

      Throwable plain = catchThrowable(() -> assertThatRegistry(restored).secrets().allEncrypted());
      assertThat(plain).isInstanceOf(AssertionError.class).hasMessageContaining("/registry/secrets/default/db")
          .hasMessageContaining("stored in plain text");
      assertThat(plain.getMessage()).doesNotContain(PASSWORD);

      Throwable offVersion = catchThrowable(() -> assertThatRegistry(restored).storedVersions().allAtStorageVersion());
      assertThat(offVersion).isInstanceOf(AssertionError.class)
          .hasMessageContaining("/registry/horizontalpodautoscalers/default/web: autoscaling/v1, storage version autoscaling/v2");
    }

    KeyAudit settings = report.keys().stream().filter(key -> key.key().endsWith("/settings")).findFirst().orElseThrow();
    assertThat(settings.writes()).isEqualTo(3);
    assertThat(settings.revisionsKept()).isEqualTo(3); // nothing compacted: every write is still there
    assertThat(settings.bytesKept()).isGreaterThan(2L * settings.size());
    assertThat(settings.apiVersion()).contains("v1");
    assertThat(settings.expectedApiVersion()).contains("v1");
    assertThat(report.resource("configmaps").orElseThrow().revisionsKept())
        .isEqualTo(report.keys().stream().filter(key -> key.family().equals("configmaps")).mapToLong(KeyAudit::revisionsKept).sum());
    assertThat(report.plainSecrets()).extracting(KeyAudit::key).contains("/registry/secrets/default/db");
  }

  @Test
  void largeValuesAreNamedWithTheirSize(Client etcd, EtcdRegistry registry) throws Exception {
    byte[] large = new byte[1_400_000]; // close to etcd's default request limit of 1.5 MiB
    Arrays.fill(large, (byte) 'x');
    etcd.getKVClient().put(bytes("/registry/configmaps/default/large"), ByteSequence.from(large)).get();

    assertThatRegistry(registry).noValueLargerThan(1_500_000);
    Throwable failure = catchThrowable(() -> assertThatRegistry(registry).noValueLargerThan(1024 * 1024));

    assertThat(failure).isInstanceOf(AssertionError.class).hasMessageContaining("/registry/configmaps/default/large: 1400000 bytes");
    assertThat(StorageAudit.of(registry).run().largestKeys(1)).extracting(KeyAudit::key).containsExactly("/registry/configmaps/default/large");
  }

  /** etcd refuses a request over 1.5 MiB by default; clusters that store larger objects raise the limit, as here. */
  @Nested
  @WithEtcdRegistry(backend = Backend.PROCESS, etcdFlags = "--max-request-bytes=3145728")
  class WithTheRequestLimitRaised {

    @Test
    void aTwoMebibyteValueIsReadAuditedAndNamed(Client etcd, EtcdRegistry registry) throws Exception {
      byte[] large = new byte[2 * 1024 * 1024];
      Arrays.fill(large, (byte) 'x');
      etcd.getKVClient().put(bytes("/registry/configmaps/default/two-mib"), ByteSequence.from(large)).get();
      etcd.getKVClient().put(bytes("/registry/configmaps/default/two-mib"), ByteSequence.from(large)).get();

      assertThat(registry.get("/registry/configmaps/default/two-mib")).hasValueSatisfying(entry ->
          assertThat(entry.value()).hasSize(large.length));
      KeyAudit audited = StorageAudit.of(registry).run().largestKeys(1).get(0);
      assertThat(audited.key()).isEqualTo("/registry/configmaps/default/two-mib");
      assertThat(audited.size()).isEqualTo(large.length);
      assertThat(audited.bytesKept()).isEqualTo(2L * large.length);
      assertThat(catchThrowable(() -> assertThatRegistry(registry).noValueLargerThan(1536 * 1024)))
          .isInstanceOf(AssertionError.class).hasMessageContaining("/registry/configmaps/default/two-mib: 2097152 bytes");
    }

    @Test
    void withoutTheFlagEtcdRefusesIt() {
      try (ControlPlane defaults = new ControlPlane().withBackend(Backend.PROCESS)) {
        defaults.start();
        Throwable refused = catchThrowable(() -> defaults.etcdClient().getKVClient()
            .put(bytes("/registry/configmaps/default/two-mib"), ByteSequence.from(new byte[2 * 1024 * 1024])).get());
        // etcd's gRPC server takes requests up to --max-request-bytes plus 512 KiB of framing: 2 MiB by default
        assertThat(refused).hasStackTraceContaining("RESOURCE_EXHAUSTED").hasStackTraceContaining("larger than max");
      }
    }
  }

  @Test
  void afterACompactionOnlyTheValueAtTheCompactedRevisionAndLaterOnesAreKept(Client etcd, EtcdRegistry registry) throws Exception {
    String key = "/registry/leases/kube-system/compacted";
    put(etcd, key, "{\"apiVersion\":\"coordination.k8s.io/v1\",\"kind\":\"Lease\",\"n\":1}");
    long second = etcd.getKVClient().put(bytes(key), bytes("{\"apiVersion\":\"coordination.k8s.io/v1\",\"kind\":\"Lease\",\"n\":2}"))
        .get().getHeader().getRevision();
    put(etcd, key, "{\"apiVersion\":\"coordination.k8s.io/v1\",\"kind\":\"Lease\",\"n\":3}");
    etcd.getKVClient().compact(second).get(); // what kube-apiserver does every five minutes

    AuditReport report = StorageAudit.of(registry).run();
    KeyAudit lease = report.keys().stream().filter(entry -> entry.key().equals(key)).findFirst().orElseThrow();

    assertThat(report.compactRevision()).isEqualTo(second);
    assertThat(lease.writes()).isEqualTo(3);
    assertThat(lease.revisionsKept()).isEqualTo(2); // the value at the compacted revision, and the write after it
    assertThat(StorageAudit.of(registry).withHistory(false).run().keys().stream().filter(entry -> entry.key().equals(key))
        .findFirst().orElseThrow().revisionsKept()).isEqualTo(1);
  }

  @Test
  void softAssertionsCollectEveryAuditFailure(Client etcd, EtcdRegistry registry) throws Exception {
    put(etcd, "/registry/secrets/default/soft", "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"soft\"}}");
    RegistrySoftAssertions softly = new RegistrySoftAssertions();

    softly.assertThatRegistry(registry).secrets().allEncrypted();
    softly.assertThatRegistry(registry).noValueLargerThan(10);

    assertThat(softly.errorsCollected()).hasSize(2);
    assertThat(softly.errorsCollected().get(0)).hasMessageContaining("/registry/secrets/default/soft");
  }

  @Test
  void aFileThatIsNoSnapshotIsRefusedWithWhatEtcdutlSaid() throws Exception {
    Path notASnapshot = Files.writeString(directory.resolve("notes.txt"), "not a snapshot");

    Throwable failure = catchThrowable(() -> EtcdRegistry.fromSnapshot(notASnapshot).close());

    assertThat(failure).hasMessageContaining("etcdutl could not restore the snapshot").hasMessageContaining("notes.txt")
        .hasMessageEndingWith("it is too short to be a snapshot from etcdctl snapshot save.");
    assertThat(catchThrowable(() -> EtcdRegistry.fromSnapshot(directory.resolve("missing.db"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("etcdctl snapshot save");
  }

  /** etcdutl's log line and checksums stay out of the message, in its cause. */
  @Test
  void aTruncatedOrDamagedSnapshotIsNamedInOneSentence(ControlPlane controlPlane) throws Exception {
    byte[] whole = Files.readAllBytes(controlPlane.snapshot(directory.resolve("backup.db")));
    Path truncated = Files.write(directory.resolve("truncated.db"), Arrays.copyOf(whole, whole.length / 2 + 1));
    byte[] damagedBytes = whole.clone();
    damagedBytes[whole.length / 2] ^= 0x5a;
    Path damaged = Files.write(directory.resolve("damaged.db"), damagedBytes);

    Throwable cut = catchThrowable(() -> EtcdRegistry.fromSnapshot(truncated).close());
    Throwable changed = catchThrowable(() -> EtcdRegistry.fromSnapshot(damaged).close());

    assertThat(cut.getMessage()).isEqualTo("etcdutl could not restore the snapshot " + truncated
        + ": it does not end with the checksum etcdctl snapshot save writes, so it is truncated or not such a snapshot.");
    assertThat(cut.getCause()).hasMessageContaining("snapshot missing hash").hasMessageContaining("restoring snapshot");
    assertThat(changed.getMessage()).isEqualTo("etcdutl could not restore the snapshot " + damaged
        + ": its checksum does not match its content, so it is truncated or damaged (etcdctl snapshot save ends a snapshot"
        + " with the checksum of what precedes it).");
    assertThat(changed.getCause()).hasMessageContaining("expected sha256");
  }

  @Test
  void aSnapshotIntoAFolderThatDoesNotExistIsRefused(ControlPlane controlPlane) {
    Path missing = directory.resolve("no-such-folder").resolve("backup.db");

    assertThat(catchThrowable(() -> controlPlane.snapshot(missing)))
        .hasMessage("Could not save an etcd snapshot to " + missing + ": the folder " + missing.getParent() + " does not exist; create it first");
    assertThat(missing.getParent()).doesNotExist();
  }

  private static void put(Client etcd, String key, String value) throws Exception {
    etcd.getKVClient().put(bytes(key), bytes(value)).get();
  }

  private static ByteSequence bytes(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }
}
