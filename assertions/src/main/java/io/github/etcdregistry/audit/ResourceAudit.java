package io.github.etcdregistry.audit;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One family of keys — one resource, or one kind of bookkeeping such as {@code ranges/servicenodeports} — summed up.
 *
 * @param family             the key path after the prefix its keys share, e.g. {@code pods}, {@code stable.example.com/crontabs}
 * @param count              how many keys
 * @param encodings          keys per encoding ({@code protobuf}, {@code json}, {@code encrypted}, ...)
 * @param storedVersions     keys per stored apiVersion; {@code unknown} for values that name none or cannot be decrypted
 * @param storageVersion     the apiVersion the resource is stored at, when known
 * @param encryption         keys per encryption: {@code aescbc:key1}, ..., {@code identity} for plain text
 * @param latestBytes        bytes of the current values
 * @param keptBytes          bytes of every value etcd keeps (history since the last compaction), deleted keys included
 * @param revisionsKept      how many values etcd keeps, deleted keys included
 * @param writes             writes of the current keys since each was created
 * @param largestKeys        the largest current values, largest first
 */
public record ResourceAudit(
    String family,
    int count,
    Map<String, Integer> encodings,
    Map<String, Integer> storedVersions,
    Optional<String> storageVersion,
    Map<String, Integer> encryption,
    long latestBytes,
    long keptBytes,
    long revisionsKept,
    long writes,
    List<KeyAudit> largestKeys) {

  public ResourceAudit {
    encodings = sorted(encodings);
    storedVersions = sorted(storedVersions);
    encryption = sorted(encryption);
    largestKeys = List.copyOf(largestKeys);
  }

  private static Map<String, Integer> sorted(Map<String, Integer> counts) {
    return Collections.unmodifiableMap(new TreeMap<>(counts));
  }

  /** How many keys are encrypted at rest. */
  public int encryptedCount() {
    return encryption.entrySet().stream().filter(entry -> !entry.getKey().equals("identity")).mapToInt(Map.Entry::getValue).sum();
  }
}
