package io.github.etcdregistry.codec;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.WireFormat;

/**
 * How to write one protobuf message type as Kubernetes JSON: its fields by number, each with its JSON
 * name and shape, worked out once from the descriptor so that decoding does no lookups by name.
 */
final class MessagePlan {

  /** How a field's occurrences become JSON. */
  enum Shape {
    /** One value under the field's name. */
    SINGLE,
    /** Each occurrence appends to an array. */
    REPEATED,
    /** Each occurrence is a key/value entry of an object. */
    MAP,
    /** An embedded Go struct: its fields go straight into the parent object. */
    INLINE
  }

  /** One field of a message, with what reading it needs looked up in advance. */
  static final class FieldPlan {
    private final FieldDescriptor descriptor;
    private final String jsonName;
    private final Shape shape;
    private final WellKnownType wellKnown;
    private final MessagePlan message;
    private final FieldPlan mapKey;
    private final FieldPlan mapValue;
    // Looked up once: protobuf 4 derives a field's type from its editions features on every call.
    private final FieldDescriptor.Type type;
    private final int wireType;
    private final boolean packable;
    private final boolean pointerString;

    /**
     * @param descriptor the proto field
     * @param jsonName   its name in Kubernetes JSON
     * @param shape      how occurrences combine
     * @param wellKnown  the special JSON form of its message type, or null
     * @param message    the plan of its message type when that has no special form, else null
     * @param mapKey     for maps, the entry's key field
     * @param mapValue   for maps, the entry's value field
     */
    FieldPlan(FieldDescriptor descriptor, String jsonName, Shape shape, WellKnownType wellKnown, MessagePlan message,
              FieldPlan mapKey, FieldPlan mapValue) {
      this.descriptor = descriptor;
      this.jsonName = jsonName;
      this.shape = shape;
      this.wellKnown = wellKnown;
      this.message = message;
      this.mapKey = mapKey;
      this.mapValue = mapValue;
      this.type = descriptor.getType();
      this.wireType = descriptor.getLiteType().getWireType();
      this.packable = descriptor.isRepeated() && descriptor.getLiteType().isPackable();
      this.pointerString = GoJsonTags.isPointerString(descriptor.getFullName());
    }

    FieldDescriptor descriptor() {
      return descriptor;
    }

    String jsonName() {
      return jsonName;
    }

    Shape shape() {
      return shape;
    }

    WellKnownType wellKnown() {
      return wellKnown;
    }

    MessagePlan message() {
      return message;
    }

    FieldPlan mapKey() {
      return mapKey;
    }

    FieldPlan mapValue() {
      return mapValue;
    }

    FieldDescriptor.Type type() {
      return type;
    }

    int wireType() {
      return wireType;
    }

    /** Repeated numbers and bools may come packed into one length-delimited run. */
    boolean isPackedRun(int wireType) {
      return packable && wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED;
    }

    /** A Go {@code *string}: present on the wire, its {@code ""} is a value. */
    boolean isPointerString() {
      return pointerString;
    }

    EnumDescriptor enumType() {
      return descriptor.getEnumType();
    }
  }

  private final FieldPlan[] byNumber;

  MessagePlan(Descriptor descriptor) {
    int highest = descriptor.getFields().stream().mapToInt(FieldDescriptor::getNumber).max().orElse(0);
    this.byNumber = new FieldPlan[highest + 1];
  }

  /** Used only while {@link ProtoSchemas} builds the plans. */
  void define(FieldPlan field) {
    byNumber[field.descriptor().getNumber()] = field;
  }

  /** The field with this number, or null when the schema does not know it (a newer field: skipped). */
  FieldPlan field(int number) {
    return number < byNumber.length ? byNumber[number] : null;
  }
}
