package io.github.etcdregistry.assertions;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import io.github.etcdregistry.registry.EtcdRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code within(...)}: lookups wait on an etcd watch for the write they expect, and a timeout tells the key's history. */
@WithEtcdRegistry(backend = Backend.PROCESS)
class WaitingTest {

  private static final Duration PATIENCE = Duration.ofSeconds(10);

  @Test
  void waitsForAKeyWrittenLater(Client etcd) {
    CompletableFuture<?> writer = later(() -> put(etcd, "/registry/configmaps/default/late", "v1"));

    assertThatRegistry().within(PATIENCE).hasConfigMap("default", "late").hasVersion(1);
    writer.join();
  }

  @Test
  void seesAKeyThatExistedOnlyBetweenTwoReads(Client etcd) {
    // created and deleted at once: a loop reading every few milliseconds would miss it, a watch from the current revision does not
    CompletableFuture<?> writer = later(Duration.ofSeconds(1), () -> { // well after the wait began, also on a busy machine
      put(etcd, "/registry/pods/default/brief", "v1");
      delete(etcd, "/registry/pods/default/brief");
    });

    assertThatRegistry().within(PATIENCE).hasPod("default", "brief").hasVersion(1);
    writer.join();
    assertThatRegistry().doesNotHaveKey("/registry/pods/default/brief");
  }

  @Test
  void chainedChecksWaitForTheWriteThatSatisfiesThem(Client etcd) {
    put(etcd, "/registry/secrets/default/counter", "v1");
    CompletableFuture<?> writer = later(() -> {
      put(etcd, "/registry/secrets/default/counter", "v2");
      put(etcd, "/registry/secrets/default/counter", "v3");
    });

    assertThatRegistry().within(PATIENCE).hasSecret("default", "counter").hasVersion(3).isNotEncrypted();
    writer.join();
  }

  @Test
  void anOldEntryIsFollowedFromNowNotFromItsCompactedRevision(Client etcd, EtcdRegistry registry) {
    put(etcd, "/registry/configmaps/default/old", "v1");
    put(etcd, "/registry/configmaps/default/other", "v1");
    put(etcd, "/registry/configmaps/default/other", "v2"); // the revision after "old" is compacted below
    etcd.getKVClient().compact(registry.currentRevision()).join(); // as kube-apiserver does every few minutes
    CompletableFuture<?> writer = later(Duration.ofSeconds(1), () -> put(etcd, "/registry/configmaps/default/old", "v2")); // after the lookup

    assertThatRegistry().within(PATIENCE).hasConfigMap("default", "old").hasVersion(2);
    writer.join();
  }

  @Test
  void doesNotHaveKeyWaitsForTheDelete(Client etcd) {
    put(etcd, "/registry/pods/default/doomed", "v1");
    CompletableFuture<?> deleter = later(() -> delete(etcd, "/registry/pods/default/doomed"));

    assertThatRegistry().within(PATIENCE).doesNotHaveKey("/registry/pods/default/doomed");
    deleter.join();
    assertThat(catchThrowable(() -> assertThatRegistry().hasPod("default", "doomed"))).isInstanceOf(AssertionError.class);
  }

  @Test
  void aTimeoutShowsTheKeysWritesInTheWindow(Client etcd) {
    put(etcd, "/registry/configmaps/default/busy", "v1");
    CompletableFuture<?> writer = later(Duration.ofSeconds(1), () -> {
      put(etcd, "/registry/configmaps/default/busy", "v2");
      delete(etcd, "/registry/configmaps/default/busy");
      put(etcd, "/registry/configmaps/default/busy", "v1 again");
    });

    Throwable failure = catchThrowable(() -> assertThatRegistry().within(Duration.ofMillis(2500))
        .hasConfigMap("default", "busy").hasVersion(7));
    writer.join();

    assertThat(failure).isInstanceOf(AssertionError.class).hasMessageContainingAll(
        "to satisfy the assertion within 2500 ms", "version (number of writes)", "Its writes in that window:",
        "UPDATE /registry/configmaps/default/busy (2 bytes, version 2)", "DELETE /registry/configmaps/default/busy",
        "CREATE /registry/configmaps/default/busy (8 bytes, version 1)");
  }

  @Test
  void aKeyThatNeverComesFailsWithTheNearestKeys(Client etcd) {
    put(etcd, "/registry/pods/default/present", "v1");

    assertThat(catchThrowable(() -> assertThatRegistry().within(Duration.ofMillis(300)).hasPod("default", "absent")))
        .hasMessageContainingAll("Expecting etcd to have key within 300 ms", "/registry/pods/default/absent",
            "no write created it", "/registry/pods/default/present");
    assertThat(catchThrowable(() -> assertThatRegistry().within(Duration.ofMillis(300)).doesNotHaveKey("/registry/pods/default/present")))
        .hasMessageContainingAll("Expecting etcd to delete key within 300 ms", "No write to it in that window.");
  }

  @Test
  void hasKeyUnderWaitsForAGeneratedName(Client etcd) {
    CompletableFuture<?> writer = later(() -> put(etcd, "/registry/replicasets/default/web-7d9f6c5b8", "v1"));

    assertThat(assertThatRegistry().within(PATIENCE).hasKeyUnder("/registry/replicasets/default/web-").hasVersion(1).actual().key())
        .isEqualTo("/registry/replicasets/default/web-7d9f6c5b8");
    writer.join();
  }

  @Test
  void hasNoKeysInNamespaceWaitsForItsLastKeyToGo(Client etcd) {
    for (String key : new String[] {"/registry/namespaces/team-a", "/registry/pods/team-a/web", "/registry/services/specs/team-a/web",
        "/registry/pods/team-b/web"}) {
      put(etcd, key, "v1");
    }
    assertThat(catchThrowable(() -> assertThatRegistry().hasNoKeysInNamespace("team-a"))).hasMessageContainingAll(
        "Expecting etcd to hold no key of namespace team-a, but it still holds 3:", "/registry/namespaces/team-a", "/registry/services/specs/team-a/web")
        .message().doesNotContain("team-b");
    CompletableFuture<?> namespaceController = later(() -> {
      delete(etcd, "/registry/pods/team-a/web");
      delete(etcd, "/registry/services/specs/team-a/web");
      delete(etcd, "/registry/namespaces/team-a");
    });

    assertThatRegistry().within(PATIENCE).hasNoKeysInNamespace("team-a");
    namespaceController.join();
    assertThat(catchThrowable(() -> assertThatRegistry().within(Duration.ofMillis(300)).hasNoKeysInNamespace("team-b")))
        .hasMessageContainingAll("within 300 ms, but it still holds 1:", "/registry/pods/team-b/web");
  }

  @Test
  void softAssertionsCollectATimeoutAndGoOn(Client etcd) {
    put(etcd, "/registry/configmaps/default/soft", "v1");
    RegistrySoftAssertions softly = new RegistrySoftAssertions();

    softly.assertThatRegistry().within(Duration.ofMillis(300)).hasConfigMap("default", "soft").hasVersion(2);
    softly.assertThatRegistry().within(Duration.ofMillis(300)).hasConfigMap("default", "never");

    assertThat(softly.errorsCollected()).hasSize(2);
    assertThat(softly.errorsCollected().get(0)).hasMessageContaining("to satisfy the assertion within 300 ms");
    assertThat(softly.errorsCollected().get(1)).hasMessageContaining("Expecting etcd to have key within 300 ms");
  }

  @Test
  void aTimeoutMustBePositive() {
    assertThatIllegalArgumentException().isThrownBy(() -> assertThatRegistry().within(Duration.ZERO))
        .withMessageContaining("positive timeout");
  }

  /** Writes as a controller would: a moment later, from another thread. */
  private static CompletableFuture<?> later(Runnable writes) {
    return later(Duration.ofMillis(200), writes);
  }

  private static CompletableFuture<?> later(Duration delay, Runnable writes) {
    Executor later = CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS);
    return CompletableFuture.runAsync(writes, later);
  }

  private static void put(Client etcd, String key, String value) {
    etcd.getKVClient().put(bytes(key), bytes(value)).join();
  }

  private static void delete(Client etcd, String key) {
    etcd.getKVClient().delete(bytes(key)).join();
  }

  private static ByteSequence bytes(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }
}
