package io.github.etcdregistry.codec;

import java.util.Locale;
import com.fasterxml.jackson.core.JacksonException;
import java.io.IOException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Values stored as JSON text: custom resources, CRDs, APIServices. */
final class StoredJson {

  private StoredJson() {
  }

  /** Whether the first non-blank byte opens a JSON object or array. */
  static boolean looksLikeJson(byte[] value) {
    for (byte b : value) {
      if (b == '{' || b == '[') {
        return true;
      }
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return false;
  }

  /** The top-level apiVersion and kind, read without building the tree; none when the JSON is not an object. */
  static TypeMeta peekTypeMeta(byte[] value) {
    String apiVersion = "";
    String kind = "";
    try (JsonParser parser = Serialization.JSON.createParser(value)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return TypeMeta.NONE;
      }
      for (String name = parser.nextFieldName(); name != null && (apiVersion.isEmpty() || kind.isEmpty()); name = parser.nextFieldName()) {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.VALUE_STRING && name.equals("apiVersion")) {
          apiVersion = parser.getText();
        } else if (token == JsonToken.VALUE_STRING && name.equals("kind")) {
          kind = parser.getText();
        } else {
          parser.skipChildren();
        }
      }
    } catch (IOException e) {
      // Not (well-formed) JSON: report what was found before the error.
    }
    return new TypeMeta(apiVersion, kind);
  }

  /** The stored object: a JSON object with string apiVersion and kind. */
  static ObjectNode toJson(byte[] value) throws DecodingException {
    JsonNode tree;
    try {
      tree = Serialization.JSON.readTree(value);
    } catch (JacksonException e) {
      // Jackson's message quotes the offending text, which may be secret: report only where it is.
      throw new DecodingException("not valid JSON" + at(e.getLocation()));
    } catch (IOException e) {
      throw new DecodingException("not valid JSON");
    }
    if (!(tree instanceof ObjectNode object)) {
      throw new DecodingException("the JSON value is " + tree.getNodeType().name().toLowerCase(Locale.ROOT)
          + ", not an object");
    }
    if (!object.path("apiVersion").isTextual() || !object.path("kind").isTextual()) {
      throw new DecodingException("the JSON object has no apiVersion and kind");
    }
    return object;
  }

  private static String at(JsonLocation location) {
    return location == null ? "" : " (at line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }
}
