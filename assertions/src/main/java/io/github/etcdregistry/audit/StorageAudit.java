package io.github.etcdregistry.audit;

import io.github.etcdregistry.codec.StoredValue;
import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.registry.KeyLayout;
import io.github.etcdregistry.registry.RegistryEntry;
import io.github.etcdregistry.registry.RevisionHistory;
import io.github.etcdregistry.registry.ResourceType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Audits what a registry stores, per resource: how many objects, their encoding, the apiVersion they are stored at
 * against the resource's storage version, encryption at rest (provider and key name), bytes of the current values
 * and of all revisions etcd still keeps, writes, and the largest keys.
 *
 * <pre>{@code
 * AuditReport report = StorageAudit.of(registry).run();
 * report.plainSecrets().forEach(secret -> System.out.println(secret.key()));
 * }</pre>
 *
 * <p>Works on any registry — a test's, a real cluster's, or a restored backup ({@code EtcdRegistry.fromSnapshot}).
 * Values are read and inspected, never kept: the report holds names and numbers only.
 */
public final class StorageAudit {

  private static final int LARGEST_KEYS = 5;
  private static final String UNKNOWN = "unknown";

  private final EtcdRegistry registry;
  private final StorageVersions versions;
  private final boolean history;
  private final Duration historyTimeout;

  private StorageAudit(EtcdRegistry registry, StorageVersions versions, boolean history, Duration historyTimeout) {
    this.registry = registry;
    this.versions = versions;
    this.history = history;
    this.historyTimeout = historyTimeout;
  }

  /** An audit of {@code registry} against Kubernetes' storage versions, with history. */
  public static StorageAudit of(EtcdRegistry registry) {
    return new StorageAudit(Objects.requireNonNull(registry, "registry"), StorageVersions.kubernetes(), true, Duration.ofSeconds(60));
  }

  /** Checks stored versions against {@code table}; custom resources are still checked against their CRDs. */
  public StorageAudit withStorageVersions(StorageVersions table) {
    return new StorageAudit(registry, Objects.requireNonNull(table, "table"), history, historyTimeout);
  }

  /** Whether to replay etcd's history to count the revisions it keeps (one watch over the whole keyspace); on by default. */
  public StorageAudit withHistory(boolean replayHistory) {
    return new StorageAudit(registry, versions, replayHistory, historyTimeout);
  }

  /** How long replaying the history may take (default 60 s). */
  public StorageAudit withHistoryTimeout(Duration timeout) {
    return new StorageAudit(registry, versions, history, Objects.requireNonNull(timeout, "timeout"));
  }

  /** Reads every key under the prefix at one revision, then the history up to that revision. */
  public AuditReport run() {
    KeyLayout layout = KeyLayout.withPrefix(registry.prefix());
    StorageVersions table = versions.orElse(new CustomResourceStorageVersions(registry));

    // page by page: a key's facts are kept, its value is not, so a large registry fits in memory
    List<KeyAudit> current = new ArrayList<>();
    registry.forEachEntry(registry.prefix() + "/", entry -> current.add(audit(entry, layout, table)));
    registry.get("compact_rev_key").ifPresent(entry -> current.add(audit(entry, layout, table)));
    long revision = registry.currentRevision(); // at or after the one the keys were read at
    RevisionHistory kept = history ? RevisionHistory.read(registry, revision, historyTimeout) : null;
    List<KeyAudit> keys = new ArrayList<>();
    for (KeyAudit key : current) {
      keys.add(kept == null ? key : withHistory(key, kept));
    }
    keys.sort(Comparator.comparing(KeyAudit::key));
    return new AuditReport(registry.prefix(), revision, kept == null ? 0 : kept.compactRevision(), history, versions.toString(),
        keys, families(keys, layout, kept));
  }

  /** What the current value says; as kept revisions only itself, until the history says more. */
  private KeyAudit audit(RegistryEntry entry, KeyLayout layout, StorageVersions table) {
    StoredValue stored = entry.stored();
    Optional<String> apiVersion = stored.encryption().isEmpty() ? stored.apiVersion() : decryptedApiVersion(entry);
    String family = layout.familyOf(entry.key());
    Optional<String> expected = expectedVersion(entry.key(), family, apiVersion.orElse(""), layout, table);
    return new KeyAudit(entry.key(), family, stored.encoding(), apiVersion, expected, stored.encryption(), stored.size(),
        entry.version(), 1, stored.size());
  }

  private static KeyAudit withHistory(KeyAudit key, RevisionHistory kept) {
    return kept.of(key.key()).filter(history -> history.revisions() > 0)
        .map(history -> new KeyAudit(key.key(), key.family(), key.encoding(), key.apiVersion(), key.expectedApiVersion(),
            key.encryption(), key.size(), key.writes(), history.revisions(), history.bytes()))
        .orElse(key);
  }

  private static Optional<String> decryptedApiVersion(RegistryEntry entry) {
    try {
      return StoredValue.inspect(entry.plaintext()).apiVersion();
    } catch (RuntimeException e) {
      return Optional.empty(); // no key for it (or a KMS provider): the version stays unknown
    }
  }

  /** The storage version of the key's resource: by the key layout, a custom resource's group, or the stored group. */
  private static Optional<String> expectedVersion(String key, String family, String apiVersion, KeyLayout layout, StorageVersions table) {
    Optional<ResourceType> known = layout.resourceOf(key);
    if (known.isPresent()) {
      return table.storageVersion(known.get().group(), known.get().resource());
    }
    if (!key.startsWith(layout.prefix() + "/")) {
      return Optional.empty();
    }
    int slash = family.indexOf('/');
    if (slash > 0 && family.substring(0, slash).contains(".")) {
      return table.storageVersion(family.substring(0, slash), family.substring(slash + 1));
    }
    if (apiVersion.isEmpty()) {
      return Optional.empty();
    }
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    return table.storageVersion(group, family);
  }

  private static List<ResourceAudit> families(List<KeyAudit> keys, KeyLayout layout, RevisionHistory kept) {
    Map<String, List<KeyAudit>> byFamily = new TreeMap<>();
    for (KeyAudit key : keys) {
      byFamily.computeIfAbsent(key.family(), name -> new ArrayList<>()).add(key);
    }
    Map<String, long[]> deleted = deletedHistory(keys, layout, kept); // revisions and bytes of keys that are gone
    for (String family : deleted.keySet()) {
      byFamily.computeIfAbsent(family, name -> new ArrayList<>());
    }
    List<ResourceAudit> families = new ArrayList<>();
    for (Map.Entry<String, List<KeyAudit>> family : byFamily.entrySet()) {
      List<KeyAudit> members = family.getValue();
      Map<String, Integer> encodings = new HashMap<>();
      Map<String, Integer> storedVersions = new HashMap<>();
      Map<String, Integer> encryption = new HashMap<>();
      long latest = 0;
      long keptBytes = 0;
      long revisions = 0;
      long writes = 0;
      Optional<String> storageVersion = Optional.empty();
      for (KeyAudit key : members) {
        encodings.merge(key.encoding().label(), 1, Integer::sum);
        storedVersions.merge(key.apiVersion().orElse(UNKNOWN), 1, Integer::sum);
        encryption.merge(key.encryptionLabel(), 1, Integer::sum);
        latest += key.size();
        keptBytes += key.bytesKept();
        revisions += key.revisionsKept();
        writes += key.writes();
        if (storageVersion.isEmpty()) {
          storageVersion = key.expectedApiVersion();
        }
      }
      long[] gone = deleted.getOrDefault(family.getKey(), new long[2]);
      List<KeyAudit> largest = members.stream().sorted(Comparator.comparingInt(KeyAudit::size).reversed()).limit(LARGEST_KEYS).toList();
      families.add(new ResourceAudit(family.getKey(), members.size(), encodings, storedVersions, storageVersion, encryption, latest,
          keptBytes + gone[1], revisions + gone[0], writes, largest));
    }
    return families;
  }

  private static Map<String, long[]> deletedHistory(List<KeyAudit> keys, KeyLayout layout, RevisionHistory kept) {
    Map<String, long[]> deleted = new LinkedHashMap<>();
    if (kept == null) {
      return deleted;
    }
    Set<String> live = new HashSet<>();
    keys.forEach(key -> live.add(key.key()));
    kept.all().forEach((key, history) -> {
      if (!live.contains(key) && key.startsWith(layout.prefix() + "/") && history.revisions() > 0) {
        long[] sums = deleted.computeIfAbsent(layout.familyOf(key), name -> new long[2]);
        sums[0] += history.revisions();
        sums[1] += history.bytes();
      }
    });
    return deleted;
  }
}
