package io.github.etcdregistry.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads the JSON embedded in protobuf ({@code FieldsV1}, {@code RawExtension}) into a tree, for the common case
 * directly: objects, arrays, ASCII strings with simple escapes, {@code true}, {@code false}, {@code null}. Every Pod
 * carries several {@code managedFields} entries of such JSON, and Jackson's parser set-up and name canonicalization
 * cost more than the rest of the Pod's decoding. Anything else — numbers, non-ASCII or {@code \\u} escapes, invalid
 * JSON, content after the value — is left to Jackson, so the tree is always the one Jackson would read.
 */
final class EmbeddedJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_DEPTH = 100;
  private static final int MAX_CACHED_NAME = 256;
  /** Names by a hash of their bytes; a collision replaces the entry. Shared by all threads: entries are immutable. */
  private static final CachedName[] NAMES = new CachedName[4096];

  private final byte[] json;
  private int position;

  private EmbeddedJson(byte[] json) {
    this.json = json;
  }

  /** The tree, or null when the bytes need Jackson: then it decides what they are. */
  static JsonNode tryRead(byte[] json) {
    EmbeddedJson reader = new EmbeddedJson(json);
    try {
      JsonNode tree = reader.value(0);
      reader.skipWhitespace();
      return reader.position == json.length ? tree : null;
    } catch (NotSimple e) {
      return null;
    }
  }

  private JsonNode value(int depth) {
    skipWhitespace();
    if (position >= json.length || depth > MAX_DEPTH) {
      throw NotSimple.INSTANCE;
    }
    return switch (json[position]) {
      case '{' -> object(depth);
      case '[' -> array(depth);
      case '"' -> NODES.textNode(string());
      case 't' -> literal("true", NODES.booleanNode(true));
      case 'f' -> literal("false", NODES.booleanNode(false));
      case 'n' -> literal("null", NODES.nullNode());
      default -> throw NotSimple.INSTANCE;
    };
  }

  private ObjectNode object(int depth) {
    ObjectNode object = NODES.objectNode();
    position++;
    skipWhitespace();
    if (peek() == '}') {
      position++;
      return object;
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw NotSimple.INSTANCE;
      }
      String name = name();
      skipWhitespace();
      expect(':');
      object.set(name, value(depth + 1));
      skipWhitespace();
      if (peek() == ',') {
        position++;
      } else {
        expect('}');
        return object;
      }
    }
  }

  private ArrayNode array(int depth) {
    ArrayNode array = NODES.arrayNode();
    position++;
    skipWhitespace();
    if (peek() == ']') {
      position++;
      return array;
    }
    while (true) {
      array.add(value(depth + 1));
      skipWhitespace();
      if (peek() == ',') {
        position++;
      } else {
        expect(']');
        return array;
      }
    }
  }

  /** A name at the opening quote: FieldsV1 repeats the same few hundred, so each is made (and hashed) once. */
  private String name() {
    int start = position + 1;
    int hash = 0;
    boolean escaped = false;
    for (position = start; peek() != '"'; position++) {
      byte b = json[position];
      if (b == '\\') {
        escaped = true;
        hash = 31 * hash + b;
        position++;
        b = (byte) peek();
      }
      hash = 31 * hash + b;
    }
    int end = position++;
    if (end - start > MAX_CACHED_NAME) {
      return text(start, end, escaped);
    }
    int slot = (hash ^ hash >>> 12) & (NAMES.length - 1);
    CachedName cached = NAMES[slot];
    if (cached != null && Arrays.equals(cached.raw, 0, cached.raw.length, json, start, end)) {
      return cached.text;
    }
    String text = text(start, end, escaped);
    text.hashCode(); // computed once and kept by the String: every object this name goes into needs it
    NAMES[slot] = new CachedName(Arrays.copyOfRange(json, start, end), text);
    return text;
  }

  /** A string value at the opening quote. */
  private String string() {
    int start = ++position;
    boolean escaped = false;
    for (; peek() != '"'; position++) {
      if (json[position] == '\\') {
        escaped = true;
        position++;
        peek();
      }
    }
    return text(start, position++, escaped);
  }

  /** The text between quotes: ASCII only, the common escapes decoded; anything else is left to Jackson. */
  private String text(int start, int end, boolean escaped) {
    for (int i = start; i < end; i++) {
      if (json[i] < 0x20) { // also every non-ASCII byte: bytes are signed
        throw NotSimple.INSTANCE;
      }
    }
    if (!escaped) {
      return new String(json, start, end - start, StandardCharsets.ISO_8859_1);
    }
    StringBuilder text = new StringBuilder(end - start);
    for (int i = start; i < end; i++) {
      char c = (char) json[i];
      text.append(c != '\\' ? c : switch (json[++i]) {
        case '"' -> '"';
        case '\\' -> '\\';
        case '/' -> '/';
        case 'b' -> '\b';
        case 'f' -> '\f';
        case 'n' -> '\n';
        case 'r' -> '\r';
        case 't' -> '\t';
        default -> throw NotSimple.INSTANCE; // \\u escapes and invalid ones
      });
    }
    return text.toString();
  }

  private JsonNode literal(String word, JsonNode node) {
    if (json.length - position < word.length()) {
      throw NotSimple.INSTANCE;
    }
    for (int i = 0; i < word.length(); i++) {
      if (json[position + i] != word.charAt(i)) {
        throw NotSimple.INSTANCE;
      }
    }
    position += word.length(); // "truex" fails on what follows, like any content out of place
    return node;
  }

  private void skipWhitespace() {
    while (position < json.length) {
      byte b = json[position];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return;
      }
      position++;
    }
  }

  private int peek() {
    if (position >= json.length) {
      throw NotSimple.INSTANCE;
    }
    return json[position];
  }

  private void expect(char c) {
    if (peek() != c) {
      throw NotSimple.INSTANCE;
    }
    position++;
  }

  private record CachedName(byte[] raw, String text) {
  }

  /** Thrown to hand the bytes to Jackson; shared and without a stack trace, as it says nothing more. */
  private static final class NotSimple extends RuntimeException {
    static final NotSimple INSTANCE = new NotSimple();

    private NotSimple() {
      super(null, null, false, false);
    }
  }
}
