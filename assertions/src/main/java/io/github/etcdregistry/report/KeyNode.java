package io.github.etcdregistry.report;

import io.github.etcdregistry.codec.DecodedObject;
import io.github.etcdregistry.codec.EncryptionPrefix;
import io.github.etcdregistry.codec.SecretKeys;
import io.github.etcdregistry.codec.StorageEncoding;
import io.github.etcdregistry.codec.StoredValue;
import io.github.etcdregistry.registry.KeyLayout;
import io.github.etcdregistry.registry.RegistryEntry;
import io.github.etcdregistry.registry.ResourceType;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One key of the registry as the report shows it: etcd's bookkeeping, how the value is stored, and the value
 * itself, decoded only when {@link #value()} is read.
 *
 * @param key            the full etcd key
 * @param kind           the stored object's kind, or the kind the key layout expects there (encrypted values do not
 *                       name theirs); {@code ""} for values that are not Kubernetes objects
 * @param encoding       how the value is stored
 * @param encryption     the encryption-at-rest prefix, when the value is encrypted
 * @param size           the value's size in bytes
 * @param createRevision the store revision that created the key
 * @param modRevision    the store revision of the last write
 * @param version        how many times the key was written
 * @param description    what the key holds, in words (see {@link KeyLayout#describe(String)})
 * @param value          the decoded value as YAML, Secret data redacted unless asked otherwise
 */
public record KeyNode(
    String key,
    String kind,
    StorageEncoding encoding,
    Optional<EncryptionPrefix> encryption,
    int size,
    long createRevision,
    long modRevision,
    long version,
    String description,
    DecodedValue value) {

  static KeyNode of(RegistryEntry entry, KeyLayout layout) {
    return of(entry.key(), entry.stored(), entry.createRevision(), entry.modRevision(), entry.version(), entry::decode, layout);
  }

  static KeyNode of(String key, StoredValue stored, long createRevision, long modRevision, long version,
      Supplier<DecodedObject> decoder, KeyLayout layout) {
    String kind = stored.kind().orElseGet(() -> layout.resourceOf(key).map(ResourceType::kind).orElse(""));
    return new KeyNode(key, kind, stored.encoding(), stored.encryption(), stored.size(), createRevision, modRevision, version,
        layout.describe(key), DecodedValue.of(key, stored, decoder, SecretKeys.holdsSecretData(key)));
  }
}
