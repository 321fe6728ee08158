package io.github.etcdregistry.audit;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What {@link StorageAudit} found: every key, and per family of keys the counts, encodings, versions, encryption and
 * sizes. Names and numbers only — no value is kept, so a report can be printed and shared.
 */
public final class AuditReport {

  private final String prefix;
  private final long revision;
  private final long compactRevision;
  private final boolean historyRead;
  private final String storageVersions;
  private final List<KeyAudit> keys;
  private final List<ResourceAudit> resources;

  AuditReport(String prefix, long revision, long compactRevision, boolean historyRead, String storageVersions,
      List<KeyAudit> keys, List<ResourceAudit> resources) {
    this.prefix = prefix;
    this.revision = revision;
    this.compactRevision = compactRevision;
    this.historyRead = historyRead;
    this.storageVersions = storageVersions;
    this.keys = List.copyOf(keys);
    this.resources = List.copyOf(resources);
  }

  /** The etcd key prefix audited, {@code /registry} by default. */
  public String prefix() {
    return prefix;
  }

  /** The store revision the keys were read at. */
  public long revision() {
    return revision;
  }

  /** The revision etcd's history is compacted to (0 when never compacted); older values are gone. */
  public long compactRevision() {
    return compactRevision;
  }

  /** Whether the history was read; without it every key counts only its current value as kept. */
  public boolean historyRead() {
    return historyRead;
  }

  /** Which storage-version table the versions were checked against. */
  public String storageVersionSource() {
    return storageVersions;
  }

  /** Every key, sorted. */
  public List<KeyAudit> keys() {
    return keys;
  }

  /** Every family, sorted by name. */
  public List<ResourceAudit> resources() {
    return resources;
  }

  /** The family named {@code family}, e.g. {@code secrets} or {@code services/specs}. */
  public Optional<ResourceAudit> resource(String family) {
    return resources.stream().filter(resource -> resource.family().equals(family)).findFirst();
  }

  /** The Secrets' keys. */
  public List<KeyAudit> secrets() {
    return keys.stream().filter(key -> key.family().equals("secrets")).toList();
  }

  /** Secrets stored in plain text: not encrypted at rest. */
  public List<KeyAudit> plainSecrets() {
    return secrets().stream().filter(key -> key.encryption().isEmpty()).toList();
  }

  /** Secrets not encrypted with {@code provider} ({@code aescbc}, {@code aesgcm}, {@code secretbox}, {@code kms}). */
  public List<KeyAudit> secretsNotEncryptedWith(String provider) {
    return secrets().stream().filter(key -> key.encryption().map(prefix -> !prefix.provider().equals(provider)).orElse(true)).toList();
  }

  /** Objects stored at another apiVersion than their resource's storage version. */
  public List<KeyAudit> offStorageVersion() {
    return keys.stream().filter(KeyAudit::isOffStorageVersion).toList();
  }

  /** Keys whose current value is larger than {@code bytes}, largest first. */
  public List<KeyAudit> largerThan(long bytes) {
    return keys.stream().filter(key -> key.size() > bytes).sorted(Comparator.comparingInt(KeyAudit::size).reversed()).toList();
  }

  /** The {@code limit} largest current values, largest first. */
  public List<KeyAudit> largestKeys(int limit) {
    return keys.stream().sorted(Comparator.comparingInt(KeyAudit::size).reversed()).limit(limit).toList();
  }

  /** Bytes of all current values. */
  public long latestBytes() {
    return resources.stream().mapToLong(ResourceAudit::latestBytes).sum();
  }

  /** Bytes of every value etcd keeps, history included. */
  public long keptBytes() {
    return resources.stream().mapToLong(ResourceAudit::keptBytes).sum();
  }

  @Override
  public String toString() {
    return "AuditReport[" + prefix + " at revision " + revision + ", " + keys.size() + " keys in " + resources.size() + " families]";
  }
}
