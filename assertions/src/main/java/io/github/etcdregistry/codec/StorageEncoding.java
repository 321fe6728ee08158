package io.github.etcdregistry.codec;

/** How a value in etcd is encoded, as far as its first bytes tell. */
public enum StorageEncoding {
  /** {@code k8s\0} followed by a {@code runtime.Unknown} envelope: how built-in types are stored. */
  PROTOBUF("protobuf"),
  /** JSON text: custom resources, CRDs, APIServices (or everything with {@code --storage-media-type=application/json}). */
  JSON("json"),
  /** Self-described CBOR ({@code d9 d9 f7}), written only behind an alpha feature gate. */
  CBOR("cbor"),
  /** Encrypted at rest: the value starts with a {@code k8s:enc:<provider>:<version>:<key>:} prefix. */
  ENCRYPTED("encrypted"),
  /** None of the above. */
  UNKNOWN("unknown");

  private final String label;

  StorageEncoding(String label) {
    this.label = label;
  }

  /** A lower-case name for messages, e.g. {@code protobuf}. */
  public String label() {
    return label;
  }

  @Override
  public String toString() {
    return label;
  }
}
