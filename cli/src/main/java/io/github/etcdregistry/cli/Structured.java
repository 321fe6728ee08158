package io.github.etcdregistry.cli;

import java.util.List;
import java.util.Map;

/**
 * Maps, lists, strings, numbers and booleans as JSON or YAML: the command line's structured output, without a
 * serialization library.
 */
final class Structured {

  private Structured() {}

  static String json(Object value) {
    StringBuilder out = new StringBuilder();
    json(out, value, 0);
    return out.append('\n').toString();
  }

  static String yaml(Object value) {
    StringBuilder out = new StringBuilder();
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      yaml(out, value, 0);
    } else {
      out.append(scalar(value)).append('\n');
    }
    return out.toString();
  }

  private static void json(StringBuilder out, Object value, int indent) {
    if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append("{\n");
      int i = 0;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        pad(out, indent + 2).append(quote(String.valueOf(entry.getKey()))).append(": ");
        json(out, entry.getValue(), indent + 2);
        out.append(++i < map.size() ? ",\n" : "\n");
      }
      pad(out, indent).append('}');
    } else if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append("[\n");
      for (int i = 0; i < list.size(); i++) {
        pad(out, indent + 2);
        json(out, list.get(i), indent + 2);
        out.append(i + 1 < list.size() ? ",\n" : "\n");
      }
      pad(out, indent).append(']');
    } else if (value == null) {
      out.append("null");
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else {
      out.append(quote(value.toString()));
    }
  }

  private static void yaml(StringBuilder out, Object value, int indent) {
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        pad(out, indent).append(key(String.valueOf(entry.getKey()))).append(':');
        block(out, entry.getValue(), indent + 2);
      }
    } else if (value instanceof List<?> list) {
      for (Object item : list) {
        pad(out, indent).append('-');
        if (item instanceof Map<?, ?> map && !map.isEmpty()) {
          // the first entry on the dash's line, the others aligned under it
          StringBuilder nested = new StringBuilder();
          yaml(nested, item, indent + 2);
          out.append(' ').append(nested.substring(indent + 2));
        } else {
          block(out, item, indent + 2);
        }
      }
    }
  }

  private static void block(StringBuilder out, Object value, int indent) {
    if ((value instanceof Map<?, ?> map && !map.isEmpty()) || (value instanceof List<?> list && !list.isEmpty())) {
      out.append('\n');
      yaml(out, value, indent);
    } else {
      out.append(' ').append(value instanceof Map<?, ?> ? "{}" : value instanceof List<?> ? "[]" : scalar(value)).append('\n');
    }
  }

  private static String scalar(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    String text = value.toString();
    boolean plain = text.matches("[A-Za-z0-9/_.][A-Za-z0-9/_.:@ -]*") && !text.endsWith(" ") && !text.contains(": ")
        && !text.matches("(?i)true|false|yes|no|on|off|null|~|[-+0-9.eE]+");
    return plain ? text : quote(text);
  }

  private static String key(String key) {
    return scalar(key);
  }

  private static StringBuilder pad(StringBuilder out, int indent) {
    return out.append(" ".repeat(indent));
  }

  static String quote(String text) {
    StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\r' -> quoted.append("\\r");
        case '\t' -> quoted.append("\\t");
        default -> {
          if (c < 0x20) {
            quoted.append(String.format("\\u%04x", (int) c));
          } else {
            quoted.append(c);
          }
        }
      }
    }
    return quoted.append('"').toString();
  }
}
