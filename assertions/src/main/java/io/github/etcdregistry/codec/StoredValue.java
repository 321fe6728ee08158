package io.github.etcdregistry.codec;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * What a stored value is, told from its first bytes without decoding the object.
 *
 * <p>Inspecting is cheap and never fails: anything that is not recognisably protobuf, JSON, CBOR or
 * encrypted is {@link StorageEncoding#UNKNOWN}. Only the first {@value #PREVIEW_BYTES} bytes are kept.
 */
public final class StoredValue {

  /** How many leading bytes {@link #hexPreview()} shows. */
  public static final int PREVIEW_BYTES = 32;

  private static final byte[] CBOR_MAGIC = {(byte) 0xd9, (byte) 0xd9, (byte) 0xf7};

  private final StorageEncoding encoding;
  private final EncryptionPrefix encryption;
  private final TypeMeta type;
  private final int size;
  private final byte[] head;

  private StoredValue(StorageEncoding encoding, EncryptionPrefix encryption, TypeMeta type, byte[] value) {
    this.encoding = encoding;
    this.encryption = encryption;
    this.type = type;
    this.size = value.length;
    this.head = Arrays.copyOf(value, Math.min(value.length, PREVIEW_BYTES));
  }

  /** Tells what {@code value} is; never throws for any content. */
  public static StoredValue inspect(byte[] value) {
    Objects.requireNonNull(value, "value");
    Optional<EncryptionPrefix> prefix = EncryptionPrefix.parse(value);
    if (prefix.isPresent()) {
      return new StoredValue(StorageEncoding.ENCRYPTED, prefix.get(), TypeMeta.NONE, value);
    }
    if (ProtobufEnvelope.hasMagic(value)) {
      return new StoredValue(StorageEncoding.PROTOBUF, null, ProtobufEnvelope.peekTypeMeta(value), value);
    }
    if (startsWith(value, CBOR_MAGIC)) {
      return new StoredValue(StorageEncoding.CBOR, null, TypeMeta.NONE, value);
    }
    if (StoredJson.looksLikeJson(value)) {
      return new StoredValue(StorageEncoding.JSON, null, StoredJson.peekTypeMeta(value), value);
    }
    return new StoredValue(StorageEncoding.UNKNOWN, null, TypeMeta.NONE, value);
  }

  public StorageEncoding encoding() {
    return encoding;
  }

  /** The encryption-at-rest prefix; present exactly when the encoding is {@link StorageEncoding#ENCRYPTED}. */
  public Optional<EncryptionPrefix> encryption() {
    return Optional.ofNullable(encryption);
  }

  /** The apiVersion from the protobuf envelope or the JSON object; empty when encrypted or not named. */
  public Optional<String> apiVersion() {
    return type.apiVersion().isEmpty() ? Optional.empty() : Optional.of(type.apiVersion());
  }

  /** The kind from the protobuf envelope or the JSON object; empty when encrypted or not named. */
  public Optional<String> kind() {
    return type.kind().isEmpty() ? Optional.empty() : Optional.of(type.kind());
  }

  /** The size of the whole value in bytes. */
  public int size() {
    return size;
  }

  /** The first {@value #PREVIEW_BYTES} bytes in hex, then the size: {@code 6b 38 73 00 0a 09 ... (1234 bytes)}. */
  public String hexPreview() {
    return hexPreview(PREVIEW_BYTES);
  }

  /** Like {@link #hexPreview()}, showing at most {@code limit} bytes. */
  String hexPreview(int limit) {
    int shown = Math.min(head.length, limit);
    StringBuilder text = new StringBuilder(shown * 3 + 24);
    for (int i = 0; i < shown; i++) {
      text.append(Character.forDigit((head[i] >> 4) & 0xf, 16)).append(Character.forDigit(head[i] & 0xf, 16)).append(' ');
    }
    if (shown < size) {
      text.append("... ");
    }
    return text.append('(').append(size).append(size == 1 ? " byte)" : " bytes)").toString();
  }

  /** Encoding, encryption, type and size; never content. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(encoding.label());
    if (encryption != null) {
      text.append(" with ").append(encryption);
    }
    if (type.isComplete()) {
      text.append(' ').append(type);
    }
    return text.append(", ").append(size).append(" bytes").toString();
  }

  private static boolean startsWith(byte[] value, byte[] magic) {
    return value.length >= magic.length && Arrays.equals(value, 0, magic.length, magic, 0, magic.length);
  }
}
