package io.github.etcdregistry.codec;

import java.util.Optional;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A stored object decoded to Kubernetes JSON, with how it was stored. {@link #toString()} shows no content.
 */
public final class DecodedObject {

  /** What {@link #redacted()} puts in place of a Secret value. */
  public static final String REDACTED = "<redacted>";

  private final String etcdKey;
  private final ObjectNode json;
  private final StorageEncoding encoding;
  private final EncryptionPrefix encryption;

  DecodedObject(String etcdKey, ObjectNode json, StorageEncoding encoding, EncryptionPrefix encryption) {
    this.etcdKey = etcdKey;
    this.json = json;
    this.encoding = encoding;
    this.encryption = encryption;
  }

  /** The key the object was read from. */
  public String etcdKey() {
    return etcdKey;
  }

  public String apiVersion() {
    return json.path("apiVersion").asText("");
  }

  public String kind() {
    return json.path("kind").asText("");
  }

  /** How the object itself was encoded, beneath any encryption: {@link StorageEncoding#PROTOBUF} or {@link StorageEncoding#JSON}. */
  public StorageEncoding encoding() {
    return encoding;
  }

  /** The encryption-at-rest prefix the value had, if it was encrypted. */
  public Optional<EncryptionPrefix> encryption() {
    return Optional.ofNullable(encryption);
  }

  /** The object as a Jackson tree (a copy: change it freely). */
  public ObjectNode json() {
    return json.deepCopy();
  }

  /** Whether this is a Secret (by kind, or by being stored under {@code .../secrets/}), whose values must not be shown. */
  public boolean holdsSecretData() {
    return SecretKeys.holdsSecretData(etcdKey) || "Secret".equals(kind());
  }

  /**
   * The same object with a Secret's {@code data} and {@code stringData} values replaced by {@code <redacted>}
   * (keys kept), for anything a person or a log will see; other objects are returned as they are.
   */
  public DecodedObject redacted() {
    if (!holdsSecretData()) {
      return this;
    }
    ObjectNode copy = json.deepCopy();
    for (String field : new String[] {"data", "stringData"}) {
      if (copy.get(field) instanceof ObjectNode values) {
        values.fieldNames().forEachRemaining(key -> values.put(key, REDACTED));
      }
    }
    return new DecodedObject(etcdKey, copy, encoding, encryption);
  }

  /** The object as indented JSON. */
  public String toJson() {
    return json.toPrettyString();
  }

  /** The object as YAML, laid out like {@code kubectl get -o yaml}. */
  public String toYaml() {
    return Serialization.toYaml(json);
  }

  /**
   * The object as a fabric8 model (e.g. {@code Pod.class}); {@code GenericKubernetesResource.class} works for
   * any kind, custom resources included.
   *
   * @throws IllegalArgumentException when the JSON does not fit {@code type}
   */
  public <T> T as(Class<T> type) {
    try {
      return Serialization.toModel(json, type);
    } catch (RuntimeException e) {
      // Jackson may quote the offending value; for Secrets say only that it failed.
      String detail = SecretKeys.holdsSecretData(etcdKey) ? "" : ": " + e.getMessage();
      throw new IllegalArgumentException("cannot read " + this + " as " + type.getName() + detail);
    }
  }

  /** Kind, name and where it was stored, e.g. {@code v1 Pod default/nginx (protobuf, /registry/pods/default/nginx)}. */
  @Override
  public String toString() {
    String namespace = json.path("metadata").path("namespace").asText("");
    String name = json.path("metadata").path("name").asText("");
    return apiVersion() + " " + kind() + " " + (namespace.isEmpty() ? "" : namespace + "/") + name
        + " (" + encoding.label() + encryption().map(prefix -> " encrypted with " + prefix).orElse("") + ", " + etcdKey + ")";
  }
}
