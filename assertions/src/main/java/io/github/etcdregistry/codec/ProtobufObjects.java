package io.github.etcdregistry.codec;

import java.io.IOException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Decodes protobuf stored values (envelope plus the object's protobuf) to Kubernetes JSON. */
final class ProtobufObjects {

  private ProtobufObjects() {
  }

  /** The object as Kubernetes JSON, apiVersion and kind (from the envelope) first. */
  static ObjectNode toJson(byte[] value, ProtoSchemas schemas) throws DecodingException {
    ProtobufEnvelope envelope;
    try {
      envelope = ProtobufEnvelope.parse(value);
    } catch (IOException e) {
      throw new DecodingException("malformed protobuf envelope: " + e.getMessage());
    }
    TypeMeta type = envelope.type();
    if (!type.isComplete()) {
      throw new DecodingException("the protobuf envelope names no apiVersion and kind");
    }
    MessagePlan plan = schemas.forKind(type.apiVersion(), type.kind()).orElseThrow(() ->
        new DecodingException(type + " is not known to " + schemas.source()));
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("apiVersion", type.apiVersion());
    json.put("kind", type.kind());
    try {
      ProtoJsonReader.read(plan, envelope.raw().newCodedInput(), json);
    } catch (IOException e) {
      throw new DecodingException("malformed " + type + " protobuf: " + e.getMessage());
    }
    return json;
  }
}
