package io.github.etcdregistry.assertions;

import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.registry.RegistryChange;
import io.github.etcdregistry.registry.RegistryEntry;
import io.github.etcdregistry.registry.RegistryWatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One {@code within(timeout)} window: waits on etcd watches for the writes that make a check pass, and keeps
 * the writes it saw, so that a timeout can tell what happened instead.
 */
final class Waiting {

  private static final int HISTORY_LIMIT = 20;

  private final EtcdRegistry registry;
  private final Duration timeout;
  private final long deadline;
  private final long startRevision;
  private final List<RegistryChange> history = new ArrayList<>();

  private Waiting(EtcdRegistry registry, Duration timeout, long startRevision) {
    this.registry = registry;
    this.timeout = timeout;
    this.startRevision = startRevision;
    this.deadline = System.nanoTime() + timeout.toNanos();
  }

  /** A window that opens now; {@code startRevision} is the store revision read before the lookup that opened it. */
  static Waiting start(EtcdRegistry registry, Duration timeout, long startRevision) {
    return new Waiting(registry, timeout, startRevision);
  }

  /**
   * Where to follow a key from after reading {@code entry}: the write after it, or after the window opened when the
   * entry is older. Older revisions may be compacted away (kube-apiserver compacts every few minutes), and nothing
   * changed the key between its last write and the read.
   */
  long followFrom(RegistryEntry entry) {
    return Math.max(entry.modRevision(), startRevision) + 1;
  }

  Duration timeout() {
    return timeout;
  }

  EtcdRegistry registry() {
    return registry;
  }

  /**
   * Follows the writes to {@code key} from {@code fromRevision} on until {@code done} holds for the key's state
   * after one of them (empty: deleted). False when the window closed first.
   */
  boolean awaitKey(String key, long fromRevision, Predicate<Optional<RegistryEntry>> done) {
    try (RegistryWatch watch = registry.watchKey(key, fromRevision)) {
      return await(watch, change -> done.test(change.entry()));
    }
  }

  /** Follows the writes under {@code prefix} from {@code fromRevision} on until {@code done} holds after one of them. */
  boolean awaitPrefix(String prefix, long fromRevision, Predicate<RegistryChange> done) {
    try (RegistryWatch watch = registry.watchPrefix(prefix, fromRevision)) {
      return await(watch, done);
    }
  }

  private boolean await(RegistryWatch watch, Predicate<RegistryChange> done) {
    while (true) {
      Duration remaining = Duration.ofNanos(deadline - System.nanoTime());
      if (remaining.isNegative() || remaining.isZero()) {
        return false;
      }
      Optional<RegistryChange> change = watch.next(remaining);
      if (change.isEmpty()) {
        return false;
      }
      history.add(change.get());
      if (done.test(change.get())) {
        return true;
      }
    }
  }

  /** The writes seen in the window, oldest first, the last {@value #HISTORY_LIMIT} of them. */
  List<String> history() {
    List<String> lines = new ArrayList<>();
    if (history.size() > HISTORY_LIMIT) {
      lines.add("... " + (history.size() - HISTORY_LIMIT) + " earlier writes");
    }
    history.subList(Math.max(0, history.size() - HISTORY_LIMIT), history.size()).forEach(change -> lines.add(change.toString()));
    return lines;
  }
}
