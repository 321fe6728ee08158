package io.github.etcdregistry.codec;

/**
 * A stored value could not be decrypted or decoded.
 *
 * <p>The message names the etcd key, what the value was found to be and its first bytes in hex. It never
 * shows decoded or decrypted content: the hex is of the raw stored value (ciphertext when encrypted), and
 * for keys holding Secrets only the first {@value #SECRET_PREVIEW_BYTES} bytes are shown.
 */
public class UndecodableValueException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  static final int SECRET_PREVIEW_BYTES = 4;

  private final String etcdKey;
  private final StorageEncoding encoding;

  UndecodableValueException(String etcdKey, StoredValue stored, String reason) {
    super(message(etcdKey, stored, reason));
    this.etcdKey = etcdKey;
    this.encoding = stored.encoding();
  }

  /** The key whose value did not decode. */
  public String etcdKey() {
    return etcdKey;
  }

  /** The encoding of the stored value as found (before any decryption). */
  public StorageEncoding encoding() {
    return encoding;
  }

  private static String message(String etcdKey, StoredValue stored, String reason) {
    String preview = SecretKeys.holdsSecretData(etcdKey) ? stored.hexPreview(SECRET_PREVIEW_BYTES) : stored.hexPreview();
    String found = stored.encoding().label() + stored.encryption().map(prefix -> " with " + prefix).orElse("");
    return "Cannot decode " + etcdKey + ": " + reason + " [stored value: " + found + ", " + preview + "]";
  }
}
