package io.github.etcdregistry.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * The wrapper kube-apiserver puts around every protobuf-stored object: the bytes {@code k8s\0}, then a
 * {@code runtime.Unknown} {1: typeMeta {1: apiVersion, 2: kind}, 2: raw, 3: contentEncoding, 4: contentType}.
 *
 * <p>Read straight off the wire rather than with client-java-proto's generated {@code Runtime.Unknown}:
 * that pre-22 generated code makes protobuf-java log "vulnerable generated type" warnings, and throw
 * when {@code com.google.protobuf.error_on_unsafe_pre22_gencode} is set.
 *
 * @param type the apiVersion and kind from {@code typeMeta} (the object's own TypeMeta is left empty)
 * @param raw  the object's protobuf
 */
record ProtobufEnvelope(TypeMeta type, ByteString raw) {

  private static final byte[] MAGIC = {0x6b, 0x38, 0x73, 0x00};
  // Tags of length-delimited fields 1 and 2 (field number << 3 | 2), in Unknown and in TypeMeta alike.
  private static final int FIELD_1 = 1 << 3 | 2;
  private static final int FIELD_2 = 2 << 3 | 2;

  static boolean hasMagic(byte[] value) {
    return value.length >= MAGIC.length && Arrays.equals(value, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
  }

  /** Parses the envelope of a value that {@linkplain #hasMagic has the magic}. */
  static ProtobufEnvelope parse(byte[] value) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(value, MAGIC.length, value.length - MAGIC.length);
    in.enableAliasing(true); // raw then shares the value's array instead of copying it
    TypeMeta type = TypeMeta.NONE;
    ByteString raw = ByteString.EMPTY;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (tag) {
        case FIELD_1 -> type = readTypeMeta(in);
        case FIELD_2 -> raw = in.readBytes();
        default -> ProtoJsonReader.skipUnknownField(in, tag); // contentEncoding and contentType, always empty
      }
    }
    return new ProtobufEnvelope(type, raw);
  }

  /** The envelope's apiVersion and kind, or none when the envelope does not parse. */
  static TypeMeta peekTypeMeta(byte[] value) {
    try {
      return parse(value).type();
    } catch (IOException e) {
      return TypeMeta.NONE;
    }
  }

  private static TypeMeta readTypeMeta(CodedInputStream in) throws IOException {
    String apiVersion = "";
    String kind = "";
    int limit = in.pushLimit(in.readRawVarint32());
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (tag) {
        case FIELD_1 -> apiVersion = in.readString();
        case FIELD_2 -> kind = in.readString();
        default -> ProtoJsonReader.skipUnknownField(in, tag);
      }
    }
    in.popLimit(limit);
    return new TypeMeta(apiVersion, kind);
  }
}
