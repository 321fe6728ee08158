package io.github.etcdregistry.registry;

import io.github.etcdregistry.codec.DecodedObject;
import io.github.etcdregistry.codec.StorageCodec;
import io.github.etcdregistry.codec.StoredValue;

/**
 * One key of the registry as etcd holds it: the stored bytes and etcd's bookkeeping. {@link #stored()}
 * says what the bytes are without decoding them; {@link #decode()} turns them into a Kubernetes object.
 */
public final class RegistryEntry {

  private final String key;
  private final byte[] value;
  private final long createRevision;
  private final long modRevision;
  private final long version;
  private final StorageCodec codec;
  private StoredValue stored;

  RegistryEntry(String key, byte[] value, long createRevision, long modRevision, long version, StorageCodec codec) {
    this.key = key;
    this.value = value;
    this.createRevision = createRevision;
    this.modRevision = modRevision;
    this.version = version;
    this.codec = codec;
  }

  public String key() {
    return key;
  }

  /** A copy of the bytes etcd stores under the key. */
  public byte[] value() {
    return value.clone();
  }

  /** How many bytes etcd stores under the key. */
  public int size() {
    return value.length;
  }

  /** The store revision at which the key was created. */
  public long createRevision() {
    return createRevision;
  }

  /** The store revision of the last write; kube-apiserver serves it as the object's resourceVersion. */
  public long modRevision() {
    return modRevision;
  }

  /** How many times the key was written since it was created (1 after the first write). */
  public long version() {
    return version;
  }

  /** The encoding and, when encrypted, the provider and key name of the stored value. */
  public StoredValue stored() {
    if (stored == null) {
      stored = StoredValue.inspect(value);
    }
    return stored;
  }

  /** The value with encryption at rest removed: the stored object's bytes (the value itself when not encrypted). */
  public byte[] plaintext() {
    return stored().encryption().isPresent() ? codec.decrypt(key, value) : value.clone();
  }

  /** Decrypts when needed and decodes the stored object; throws if the bytes are not a Kubernetes object. */
  public DecodedObject decode() {
    return codec.decode(key, value, modRevision);
  }

  /** Size, revisions and encoding; never the value itself, which may be a Secret. */
  @Override
  public String toString() {
    return key + " (" + stored().encoding() + ", " + value.length + " bytes, create_revision=" + createRevision
        + ", mod_revision=" + modRevision + ", version=" + version + ")";
  }
}
