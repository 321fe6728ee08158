package io.github.etcdregistry.registry;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every revision etcd still keeps, per key. etcd keeps each write until it is compacted (kube-apiserver compacts every
 * five minutes by default), so a key written a hundred times since holds a hundred values. A watch from the oldest
 * kept revision replays them all in one stream — far cheaper than a read per key and revision. The value a key had
 * at the compacted revision is kept too; the first replayed write of the key carries it as its previous value.
 */
public final class RevisionHistory {

  /** What etcd keeps of one key: its revisions (puts, the current value included) and their bytes. */
  public record Kept(int revisions, long bytes) {
    Kept plus(long size) {
      return new Kept(revisions + 1, bytes + size);
    }
  }

  private final long compactRevision;
  private final Map<String, Kept> byKey;

  private RevisionHistory(long compactRevision, Map<String, Kept> byKey) {
    this.compactRevision = compactRevision;
    this.byKey = byKey;
  }

  /** Replays the history from the oldest kept revision up to {@code currentRevision}. */
  public static RevisionHistory read(EtcdRegistry registry, long currentRevision, Duration timeout) {
    Client client = registry.client();
    long start = 1;
    for (int attempt = 0; attempt < 5; attempt++) {
      try {
        Map<String, Kept> replayed = replay(client, start, currentRevision, timeout);
        return new RevisionHistory(start - 1, replayed);
      } catch (CompactedException e) {
        start = e.getCompactedRevision() + 1; // compacted meanwhile or before: start after it
      }
    }
    throw new RegistryAccessException("etcd kept compacting while its history was read; try again", null);
  }

  /** The revision etcd's history was compacted to; 0 when nothing was compacted. */
  public long compactRevision() {
    return compactRevision;
  }

  /** What etcd keeps of {@code key}, when it was written since the compaction; empty otherwise (only its current value). */
  public Optional<Kept> of(String key) {
    return Optional.ofNullable(byKey.get(key));
  }

  /** Every key written since the compaction, deleted ones included. */
  public Map<String, Kept> all() {
    return byKey;
  }

  private static Map<String, Kept> replay(Client client, long start, long end, Duration timeout) {
    Map<String, Kept> kept = new HashMap<>();
    if (start > end) {
      return kept;
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    ByteSequence everything = ByteSequence.from(new byte[] {0}); // key \0 with range end \0: the whole keyspace
    WatchOption option = WatchOption.builder().withRevision(start).withRange(everything).withPrevKV(true).build();
    Watch.Listener listener = Watch.listener(
        response -> collect(response, start, end, kept, done),
        done::completeExceptionally);
    try (Watch.Watcher ignored = client.getWatchClient().watch(everything, option, listener)) {
      done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return kept;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof CompactedException compacted) {
        throw compacted;
      }
      throw new RegistryAccessException("etcd refused to replay its history from revision " + start + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new RegistryAccessException("etcd did not replay its history (revisions " + start + " to " + end + ") within " + timeout.toSeconds()
          + " s; audit without history, or give it more time", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryAccessException("Interrupted while reading etcd's history", e);
    }
  }

  private static synchronized void collect(WatchResponse response, long start, long end, Map<String, Kept> kept, CompletableFuture<Void> done) {
    for (WatchEvent event : response.getEvents()) {
      KeyValue kv = event.getKeyValue();
      String key = kv.getKey().toString(StandardCharsets.UTF_8);
      if (!kept.containsKey(key)) {
        KeyValue previous = event.getPrevKV();
        boolean keptFromBefore = previous != null && previous.getModRevision() > 0 && previous.getModRevision() < start;
        kept.put(key, keptFromBefore ? new Kept(1, previous.getValue().size()) : new Kept(0, 0));
      }
      if (event.getEventType() == WatchEvent.EventType.PUT) {
        kept.put(key, kept.get(key).plus(kv.getValue().size()));
      }
      if (kv.getModRevision() >= end) {
        done.complete(null);
      }
    }
  }
}
