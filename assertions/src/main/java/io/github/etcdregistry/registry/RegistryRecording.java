package io.github.etcdregistry.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Every write to the registry from the moment it starts until it is closed: each put and delete with its revision,
 * key, size and field manager. Shows what an operation really wrote — one update or three hundred.
 *
 * <pre>{@code
 * try (RegistryRecording recording = registry.record()) {
 *   reconcile();
 *   recording.stop();
 *   assertThat(recording).writesTo("/registry/deployments/default/web").hasSize(1);
 *   System.out.println(recording.summary());
 * }
 * }</pre>
 *
 * Follows an etcd watch from the revision at which it started; reading {@link #writes()} first waits until etcd
 * confirms that every write up to that moment has arrived. {@link EtcdRegistry#record(String)} and
 * {@link EtcdRegistry#recordNamespace(String)} record only the writes of one part of the registry.
 */
public final class RegistryRecording implements AutoCloseable {

  private static final Duration CATCH_UP = Duration.ofSeconds(10);

  private final EtcdRegistry registry;
  private final String scope;
  private final Predicate<String> inScope;
  private final long startRevision;
  private final List<RecordedWrite> writes = new ArrayList<>();
  private RegistryWatch watch;
  private long endRevision;

  private RegistryRecording(EtcdRegistry registry, String watchedPrefix, Predicate<String> inScope, String scope) {
    this.registry = registry;
    this.scope = scope;
    this.inScope = inScope;
    this.startRevision = registry.currentRevision();
    this.watch = registry.watchPrefix(watchedPrefix, startRevision + 1);
  }

  static RegistryRecording everything(EtcdRegistry registry) {
    return new RegistryRecording(registry, registry.prefix() + "/", key -> true, "");
  }

  static RegistryRecording under(EtcdRegistry registry, String keyPrefix) {
    return new RegistryRecording(registry, keyPrefix, key -> true, " under " + keyPrefix);
  }

  static RegistryRecording inNamespace(EtcdRegistry registry, String namespace) {
    KeyLayout layout = KeyLayout.withPrefix(registry.prefix());
    return new RegistryRecording(registry, registry.prefix() + "/", key -> layout.namespaceOf(key).filter(namespace::equals).isPresent(),
        " in namespace " + namespace);
  }

  /** The store revision when recording started; the writes recorded come after it. */
  public long startRevision() {
    return startRevision;
  }

  /** Every write so far (or until {@link #stop()}), oldest first. */
  public synchronized List<RecordedWrite> writes() {
    if (watch != null) {
      drain(registry.currentRevision());
    }
    return Collections.unmodifiableList(new ArrayList<>(writes));
  }

  /** The writes to exactly {@code key}. */
  public List<RecordedWrite> writesTo(String key) {
    return writes().stream().filter(write -> write.key().equals(key)).toList();
  }

  /** The writes to keys under {@code keyPrefix}. */
  public List<RecordedWrite> writesUnder(String keyPrefix) {
    return writes().stream().filter(write -> write.key().startsWith(keyPrefix)).toList();
  }

  /** The writes whose field manager is {@code manager}. */
  public List<RecordedWrite> writesBy(String manager) {
    return writes().stream().filter(write -> write.manager().filter(manager::equals).isPresent()).toList();
  }

  /** Ends recording at the current revision; later writes are not recorded. Idempotent. */
  public synchronized void stop() {
    if (watch == null) {
      return;
    }
    try {
      drain(registry.currentRevision());
    } finally {
      watch.close();
      watch = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  /**
   * Writes and bytes per field manager, per family of keys (resource) and per key, as text tables: a reconcile loop's
   * write amplification at a glance. Leaves out kube-apiserver's renewals of its own leases, which come every 10 s
   * whatever a test does, and says how many; {@link #writes()} has them.
   */
  public String summary() {
    List<RecordedWrite> all = writes();
    List<RecordedWrite> shown = all.stream().filter(write -> !isApiServerHeartbeat(write.key())).toList();
    StringBuilder text = new StringBuilder();
    text.append(shown.size()).append(shown.size() == 1 ? " write" : " writes").append(scope).append(" from revision ").append(startRevision + 1)
        .append(" to ").append(endRevision).append(", ").append(shown.stream().mapToLong(RecordedWrite::valueSize).sum()).append(" bytes");
    if (shown.size() < all.size()) {
      text.append(" (and ").append(all.size() - shown.size()).append(" renewals of kube-apiserver's own leases, not shown)");
    }
    text.append(System.lineSeparator());
    KeyLayout layout = KeyLayout.withPrefix(registry.prefix());
    table(text, "manager", tally(shown, write -> write.manager().orElse("-")));
    table(text, "family", tally(shown, write -> layout.familyOf(write.key())));
    table(text, "key", tally(shown, RecordedWrite::key));
    return text.toString();
  }

  /** Writes and bytes of one group of writes: one key, family or manager. */
  public record Tally(String group, long puts, long deletes, long bytes) {
    public long writes() {
      return puts + deletes;
    }
  }

  /** Writes and bytes per group (e.g. {@code write -> write.manager().orElse("-")}), the busiest group first. */
  public List<Tally> tally(Function<RecordedWrite, String> groupBy) {
    return tally(writes(), groupBy);
  }

  /** Per family of keys: {@code pods}, {@code services/specs}, {@code leases}... */
  public List<Tally> perFamily() {
    KeyLayout layout = KeyLayout.withPrefix(registry.prefix());
    return tally(write -> layout.familyOf(write.key()));
  }

  /** Per field manager; {@code -} for deletes and values that are not objects. */
  public List<Tally> perManager() {
    return tally(write -> write.manager().orElse("-"));
  }

  /** Per key. */
  public List<Tally> perKey() {
    return tally(RecordedWrite::key);
  }

  @Override
  public String toString() {
    return "RegistryRecording[" + scope.strip() + (scope.isEmpty() ? "" : ", ") + "from revision " + startRevision
        + (watch == null ? " to " + endRevision : ", recording") + "]";
  }

  /** Its identity lease in kube-system, the lease behind its endpoint in {@code default/kubernetes}, its peer address. */
  private boolean isApiServerHeartbeat(String key) {
    String root = registry.prefix() + "/";
    return key.startsWith(root + "leases/kube-system/apiserver-") || key.startsWith(root + "masterleases/")
        || key.startsWith(root + "peerserverleases/");
  }

  private static List<Tally> tally(List<RecordedWrite> all, Function<RecordedWrite, String> groupBy) {
    Map<String, long[]> groups = new TreeMap<>();
    for (RecordedWrite write : all) {
      long[] counts = groups.computeIfAbsent(groupBy.apply(write), group -> new long[3]);
      counts[write.isDelete() ? 1 : 0]++;
      counts[2] += write.valueSize();
    }
    List<Tally> tallies = new ArrayList<>();
    groups.forEach((group, counts) -> tallies.add(new Tally(group, counts[0], counts[1], counts[2])));
    tallies.sort(Comparator.comparingLong(Tally::writes).reversed()); // stable: equal counts stay in name order
    return tallies;
  }

  private static void table(StringBuilder text, String heading, List<Tally> tallies) {
    int width = Math.max(heading.length(), tallies.stream().mapToInt(tally -> tally.group().length()).max().orElse(0));
    String row = "%-" + width + "s %6s %7s %10s%n";
    text.append(System.lineSeparator()).append(String.format(row, heading, "puts", "deletes", "bytes"));
    tallies.forEach(tally -> text.append(String.format(row, tally.group(), tally.puts(), tally.deletes(), tally.bytes())));
  }

  private void drain(long upTo) {
    if (!watch.catchUp(upTo, CATCH_UP)) {
      throw new RegistryAccessException("etcd did not confirm the writes up to revision " + upTo + " within " + CATCH_UP.toSeconds() + " s", null);
    }
    Optional<RegistryChange> change;
    while ((change = watch.next(Duration.ZERO)).isPresent()) {
      RegistryChange c = change.get();
      if (!inScope.test(c.key())) {
        continue;
      }
      writes.add(new RecordedWrite(c.revision(), c.type(), c.key(), c.valueSize(), c.entry().map(RegistryEntry::version).orElse(0L),
          WriteManager.of(c)));
    }
    endRevision = upTo;
  }
}
