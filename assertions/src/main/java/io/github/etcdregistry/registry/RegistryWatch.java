package io.github.etcdregistry.registry;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The writes to one key, or to every key under a prefix, from a store revision on, in order: an etcd watch
 * whose events queue up until read. Waiting on it takes no polling: {@link #next(Duration)} blocks until etcd
 * reports a write or the time is up. Close it to end the watch.
 */
public final class RegistryWatch implements AutoCloseable {

  private final LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
  private final Watch.Watcher watcher;
  private final String what;
  private final Object progress = new Object();
  private long deliveredUpTo; // every write up to this revision is in the queue; guarded by progress

  RegistryWatch(EtcdRegistry registry, ByteSequence key, WatchOption option, String what) {
    this.what = what;
    this.watcher = registry.client().getWatchClient().watch(key, option, Watch.listener(response -> {
      response.getEvents().forEach(event -> events.add(change(registry, event)));
      if (response.isProgressNotify()) {
        synchronized (progress) {
          deliveredUpTo = Math.max(deliveredUpTo, response.getHeader().getRevision());
          progress.notifyAll();
        }
      }
    }, events::add));
  }

  /**
   * Waits until etcd confirms that every write up to {@code revision} has been delivered, so that the writes read
   * from this watch afterwards are complete up to it. Uses etcd's progress notification, not a timer.
   *
   * @return false when etcd did not confirm within {@code timeout}
   */
  public boolean catchUp(long revision, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (progress) {
      while (deliveredUpTo < revision) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        watcher.requestProgress(); // etcd answers once this watch has sent everything up to its current revision
        try {
          TimeUnit.NANOSECONDS.timedWait(progress, Math.min(left, TimeUnit.MILLISECONDS.toNanos(250)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new RegistryAccessException("Interrupted while reading the watch on " + what, e);
        }
      }
      return true;
    }
  }

  /**
   * The next write, waiting at most {@code timeout} for it; empty when none came in time.
   *
   * @throws RegistryAccessException when etcd ended the watch, e.g. because the revision was compacted
   */
  public Optional<RegistryChange> next(Duration timeout) {
    Object next;
    try {
      next = timeout.isNegative() || timeout.isZero() ? events.poll() : events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryAccessException("Interrupted while watching " + what, e);
    }
    if (next instanceof Throwable failure) {
      events.add(failure); // every later call fails the same way
      throw new RegistryAccessException("etcd ended the watch on " + what + ": " + failure.getMessage(), failure);
    }
    return Optional.ofNullable((RegistryChange) next);
  }

  @Override
  public void close() {
    watcher.close();
  }

  private static RegistryChange change(EtcdRegistry registry, WatchEvent event) {
    var kv = event.getKeyValue();
    String key = kv.getKey().toString(StandardCharsets.UTF_8);
    RegistryEntry previous = event.getPrevKV() == null || event.getPrevKV().getKey().isEmpty() ? null : registry.entry(event.getPrevKV());
    if (event.getEventType() == WatchEvent.EventType.DELETE) {
      return new RegistryChange(RegistryChange.Type.DELETE, key, kv.getModRevision(), null, previous);
    }
    return new RegistryChange(RegistryChange.Type.PUT, key, kv.getModRevision(), registry.entry(kv), previous);
  }
}
