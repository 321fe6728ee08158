package io.github.etcdregistry.codec;

import java.nio.file.Path;
import java.util.Objects;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads values as kube-apiserver stores them: removes encryption at rest, then decodes the protobuf
 * envelope or JSON into Kubernetes JSON. Immutable and thread-safe.
 */
public final class StorageCodec {

  private final EncryptionKeys keys;
  private final ValueDecrypter decrypter;
  private final ProtoSchemas schemas;

  private StorageCodec(EncryptionKeys keys, ProtoSchemas schemas) {
    this.keys = keys;
    this.decrypter = new ValueDecrypter(keys);
    this.schemas = schemas;
  }

  /** A codec without encryption keys, decoding protobuf with client-java-proto's schemas. */
  public static StorageCodec create() {
    return new StorageCodec(EncryptionKeys.none(), ProtoSchemas.clientJavaProto());
  }

  /** A codec that decrypts with these keys (replacing any it had). */
  public StorageCodec withKeys(EncryptionKeys keys) {
    return new StorageCodec(Objects.requireNonNull(keys, "keys"), schemas);
  }

  /**
   * A codec that decodes protobuf with the schemas of the Kubernetes version that wrote the values: a
   * {@code FileDescriptorSet} compiled from that version's {@code generated.proto} files by
   * {@code control-plane/build-schemas} (e.g. {@code ~/.cache/etcd-registry/schemas-v1.37.2/kubernetes.binpb}).
   * Kinds the set lacks are still looked up in client-java-proto. The set is read once per file and shared.
   *
   * @throws IllegalArgumentException when the file is missing or is not such a descriptor set
   */
  public StorageCodec withDescriptorSet(Path descriptorSet) {
    return new StorageCodec(keys, ProtoSchemas.fromDescriptorSet(Objects.requireNonNull(descriptorSet, "descriptorSet")));
  }

  /** Where protobuf schemas come from, for messages: {@code "client-java-proto 27.0.0"} or a descriptor set's path. */
  public String schemaSource() {
    return schemas.toString();
  }

  public EncryptionKeys keys() {
    return keys;
  }

  /**
   * Decrypts if needed, then decodes the stored object to Kubernetes JSON.
   *
   * <p>The apiserver clears {@code metadata.resourceVersion} before storing and serves the key's
   * {@code mod_revision} instead; so does this method, when {@code modRevision} is positive.
   *
   * @param etcdKey     the full key, e.g. {@code /registry/pods/default/nginx} (aesgcm authenticates it)
   * @param value       the value as stored
   * @param modRevision the key's mod_revision
   * @throws UndecodableValueException when the value cannot be decrypted or is not a Kubernetes object
   */
  public DecodedObject decode(String etcdKey, byte[] value, long modRevision) {
    Objects.requireNonNull(etcdKey, "etcdKey");
    StoredValue stored = StoredValue.inspect(value);
    boolean encrypted = stored.encoding() == StorageEncoding.ENCRYPTED;
    byte[] plaintext = encrypted ? decrypter.decrypt(etcdKey, value, stored) : value;
    StorageEncoding encoding = encrypted ? StoredValue.inspect(plaintext).encoding() : stored.encoding();
    try {
      ObjectNode json = switch (encoding) {
        case PROTOBUF -> ProtobufObjects.toJson(plaintext, schemas);
        case JSON -> StoredJson.toJson(plaintext);
        case CBOR -> throw new DecodingException("CBOR-encoded values are not supported yet");
        case ENCRYPTED -> throw new DecodingException("the value is encrypted twice");
        case UNKNOWN -> throw new DecodingException(plaintext.length == 0 ? "the value is empty"
            : "not a Kubernetes object (no protobuf k8s\\0 magic, no JSON, no encryption prefix)");
      };
      setResourceVersion(json, modRevision);
      return new DecodedObject(etcdKey, json, encoding, stored.encryption().orElse(null));
    } catch (DecodingException e) {
      throw new UndecodableValueException(etcdKey, stored, (encrypted ? "after decryption, " : "") + e.getMessage());
    }
  }

  /**
   * The stored object's bytes with encryption at rest removed: the protobuf envelope or JSON beneath the
   * {@code k8s:enc:} prefix, or a copy of {@code value} when it is not encrypted.
   *
   * @throws UndecodableValueException naming the provider and key name when the key is missing or wrong
   */
  public byte[] decrypt(String etcdKey, byte[] value) {
    Objects.requireNonNull(etcdKey, "etcdKey");
    StoredValue stored = StoredValue.inspect(value);
    return stored.encoding() == StorageEncoding.ENCRYPTED ? decrypter.decrypt(etcdKey, value, stored) : value.clone();
  }

  private static void setResourceVersion(ObjectNode json, long modRevision) {
    if (modRevision > 0 && (json.get("metadata") == null || json.get("metadata").isObject())) {
      metadata(json).put("resourceVersion", String.valueOf(modRevision));
    }
  }

  @Override
  public String toString() {
    return "StorageCodec[" + keys + ", schemas from " + schemas + "]";
  }

  private static ObjectNode metadata(ObjectNode json) {
    return json.get("metadata") instanceof ObjectNode metadata ? metadata : json.putObject("metadata");
  }
}
