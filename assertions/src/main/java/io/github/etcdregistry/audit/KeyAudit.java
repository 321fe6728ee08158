package io.github.etcdregistry.audit;

import io.github.etcdregistry.codec.EncryptionPrefix;
import io.github.etcdregistry.codec.StorageEncoding;
import java.util.Optional;

/**
 * What the audit found about one key — never its value.
 *
 * @param key            the etcd key
 * @param family         the key path after the prefix that all keys of its resource share: {@code pods}, {@code services/specs}
 * @param encoding       how the value is stored ({@link StorageEncoding#ENCRYPTED} when encrypted at rest)
 * @param apiVersion     the apiVersion the stored object names (read after decryption when keys are given); empty when
 *                       not an object, or encrypted with keys the registry does not have
 * @param expectedApiVersion the storage version of its resource, when known
 * @param encryption     the encryption-at-rest prefix, when encrypted
 * @param size           bytes of the current value
 * @param writes         how many times the key was written since it was created (etcd's {@code version})
 * @param revisionsKept  how many values of the key etcd still keeps, the current one included
 * @param bytesKept      bytes of all those values
 */
public record KeyAudit(
    String key,
    String family,
    StorageEncoding encoding,
    Optional<String> apiVersion,
    Optional<String> expectedApiVersion,
    Optional<EncryptionPrefix> encryption,
    int size,
    long writes,
    int revisionsKept,
    long bytesKept) {

  /** Whether the stored apiVersion is known to differ from the resource's storage version. */
  public boolean isOffStorageVersion() {
    return apiVersion.isPresent() && expectedApiVersion.isPresent() && !apiVersion.get().equals(expectedApiVersion.get());
  }

  /** {@code aescbc:key1}, {@code kms:vault}, or {@code identity} when stored in plain text. */
  public String encryptionLabel() {
    return encryption.map(prefix -> prefix.provider() + ":" + prefix.keyName()).orElse("identity");
  }
}
