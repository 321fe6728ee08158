package io.github.etcdregistry.codec;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.time.DateTimeException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Message types whose Kubernetes JSON is not an object of their fields: Go gives them their own
 * MarshalJSON. Each reads one length-delimited occurrence of its message from the stream.
 */
enum WellKnownType {

  /** {@code metav1.Time}: RFC 3339 in whole seconds, UTC; {@code null} for Go's zero time. */
  TIME("k8s.io.apimachinery.pkg.apis.meta.v1.Time") {
    @Override
    JsonNode read(CodedInputStream in) throws IOException {
      return readTimestamp(in, false);
    }
  },
  /** {@code metav1.MicroTime}: RFC 3339 with six fractional digits; {@code null} for Go's zero time. */
  MICRO_TIME("k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime") {
    @Override
    JsonNode read(CodedInputStream in) throws IOException {
      return readTimestamp(in, true);
    }
  },
  /** {@code metav1.Duration}: Go's duration string, e.g. {@code 1m30s}. */
  DURATION("k8s.io.apimachinery.pkg.apis.meta.v1.Duration") {
    @Override
    JsonNode read(CodedInputStream in) throws IOException {
      long nanos = 0;
      int limit = in.pushLimit(in.readRawVarint32());
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        if (tag == VARINT_1) {
          nanos = in.readInt64();
        } else {
          ProtoJsonReader.skipUnknownField(in, tag);
        }
      }
      in.popLimit(limit);
      return NODES.textNode(GoDuration.format(nanos));
    }
  },
  /** {@code intstr.IntOrString}: a bare number (type 0) or a string (type 1). */
  INT_OR_STRING("k8s.io.apimachinery.pkg.util.intstr.IntOrString") {
    @Override
    JsonNode read(CodedInputStream in) throws IOException {
      long type = 0;
      int intVal = 0;
      String strVal = "";
      int limit = in.pushLimit(in.readRawVarint32());
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        switch (tag) {
          case VARINT_1 -> type = in.readInt64();
          case VARINT_2 -> intVal = in.readInt32();
          case BYTES_3 -> strVal = in.readString();
          default -> ProtoJsonReader.skipUnknownField(in, tag);
        }
      }
      in.popLimit(limit);
      if (type == 0) {
        return NODES.numberNode(intVal);
      } else if (type == 1) {
        return NODES.textNode(strVal);
      }
      throw new InvalidProtocolBufferException("IntOrString has unknown type " + type);
    }
  },
  /**
   * {@code resource.Quantity}: its string. The apiserver stores the canonical form, so the text is
   * already what Go's MarshalJSON would print; an unset quantity is Go's zero, {@code "0"}.
   */
  QUANTITY("k8s.io.apimachinery.pkg.api.resource.Quantity") {
    @Override
    JsonNode read(CodedInputStream in) throws IOException {
      String text = "0";
      int limit = in.pushLimit(in.readRawVarint32());
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        if (tag == BYTES_1) {
          text = in.readString();
        } else {
          ProtoJsonReader.skipUnknownField(in, tag);
        }
      }
      in.popLimit(limit);
      return NODES.textNode(text);
    }
  },
  /** {@code runtime.RawExtension} and {@code metav1.FieldsV1}: the embedded JSON itself. */
  RAW_JSON("k8s.io.apimachinery.pkg.runtime.RawExtension", "k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1") {
    @Override
    JsonNode read(CodedInputStream in) throws IOException {
      byte[] raw = null;
      int limit = in.pushLimit(in.readRawVarint32());
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        if (tag == BYTES_1) {
          raw = in.readByteArray();
        } else {
          ProtoJsonReader.skipUnknownField(in, tag);
        }
      }
      in.popLimit(limit);
      return embeddedJson(raw);
    }
  },
  /**
   * Go string-slice types that protobuf wraps in a message ({@code ExtraValue}): a JSON array. They occur only as map
   * values, which Go's generated code decodes into a non-nil {@code &ExtraValue{}}: an empty one is {@code []}.
   */
  STRING_LIST("k8s.io.api.certificates.v1.ExtraValue", "k8s.io.api.certificates.v1beta1.ExtraValue") {
    @Override
    JsonNode read(CodedInputStream in) throws IOException {
      ArrayNode items = NODES.arrayNode();
      int limit = in.pushLimit(in.readRawVarint32());
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        if (tag == BYTES_1) {
          items.add(in.readString());
        } else {
          ProtoJsonReader.skipUnknownField(in, tag);
        }
      }
      in.popLimit(limit);
      return items;
    }
  };

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  // Tags as they appear on the wire: field number << 3 | wire type.
  private static final int VARINT_1 = 1 << 3;
  private static final int VARINT_2 = 2 << 3;
  private static final int BYTES_1 = 1 << 3 | 2;
  private static final int BYTES_3 = 3 << 3 | 2;
  /** Go's zero time.Time, 0001-01-01T00:00:00Z, prints as null. */
  private static final long GO_ZERO_TIME_SECONDS = -62_135_596_800L;
  private static final Map<String, WellKnownType> BY_MESSAGE = Arrays.stream(values())
      .flatMap(type -> Arrays.stream(type.messageNames).map(name -> Map.entry(name, type)))
      .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

  private final String[] messageNames;

  WellKnownType(String... messageNames) {
    this.messageNames = messageNames;
  }

  /** Reads one length-delimited occurrence of the message and returns its Kubernetes JSON. */
  abstract JsonNode read(CodedInputStream in) throws IOException;

  /** The special form of this message type, or null when it is written as an object of its fields. */
  static WellKnownType of(Descriptor message) {
    return BY_MESSAGE.get(message.getFullName());
  }

  private static JsonNode readTimestamp(CodedInputStream in, boolean micros) throws IOException {
    long seconds = 0;
    int nanos = 0;
    boolean set = false; // Go writes a zero time as an empty message
    int limit = in.pushLimit(in.readRawVarint32());
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (tag) {
        case VARINT_1 -> {
          seconds = in.readInt64();
          set = true;
        }
        case VARINT_2 -> {
          nanos = in.readInt32();
          set = true;
        }
        default -> ProtoJsonReader.skipUnknownField(in, tag);
      }
    }
    in.popLimit(limit);
    if (!set || (seconds == GO_ZERO_TIME_SECONDS && nanos == 0)) {
      return NODES.nullNode();
    }
    try {
      return NODES.textNode(Rfc3339.format(seconds, nanos, micros));
    } catch (DateTimeException e) {
      throw new InvalidProtocolBufferException("time out of range: " + seconds + "s");
    }
  }

  /** Embedded JSON as a tree; bytes that are not JSON as base64, the way Go prints a []byte. */
  private static JsonNode embeddedJson(byte[] raw) {
    if (raw == null || raw.length == 0) {
      return NODES.nullNode();
    }
    JsonNode simple = EmbeddedJson.tryRead(raw);
    if (simple != null) {
      return simple;
    }
    try {
      JsonNode tree = Serialization.JSON.readTree(raw);
      return tree.isMissingNode() ? NODES.nullNode() : tree;
    } catch (IOException e) {
      return NODES.textNode(Base64.getEncoder().encodeToString(raw));
    }
  }
}
