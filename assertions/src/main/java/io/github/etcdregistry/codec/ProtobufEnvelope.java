package io.github.etcdregistry.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * The wrapper kube-apiserver puts around every protobuf-stored object: the bytes {@code k8s\0}, then a
 * {@code runtime.Unknown} {typeMeta {apiVersion, kind}, raw, contentEncoding, contentType}.
 *
 * @param type the apiVersion and kind from {@code typeMeta} (the object's own TypeMeta is left empty)
 * @param raw  the object's protobuf
 */
record ProtobufEnvelope(TypeMeta type, ByteString raw) {

  private static final byte[] MAGIC = {0x6b, 0x38, 0x73, 0x00};

  static boolean hasMagic(byte[] value) {
    return value.length >= MAGIC.length && Arrays.equals(value, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
  }

  /** Parses the envelope of a value that {@linkplain #hasMagic has the magic}. */
  static ProtobufEnvelope parse(byte[] value) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(value, MAGIC.length, value.length - MAGIC.length);
    in.enableAliasing(true); // raw then shares the value's array instead of copying it
    // Fully qualified: the generated outer class Runtime clashes with java.lang.Runtime.
    io.kubernetes.client.proto.Runtime.Unknown unknown = io.kubernetes.client.proto.Runtime.Unknown.parseFrom(in);
    io.kubernetes.client.proto.Runtime.TypeMeta typeMeta = unknown.getTypeMeta();
    return new ProtobufEnvelope(new TypeMeta(typeMeta.getApiVersion(), typeMeta.getKind()), unknown.getRaw());
  }

  /** The envelope's apiVersion and kind, or none when the envelope does not parse. */
  static TypeMeta peekTypeMeta(byte[] value) {
    try {
      return parse(value).type();
    } catch (IOException e) {
      return TypeMeta.NONE;
    }
  }
}
