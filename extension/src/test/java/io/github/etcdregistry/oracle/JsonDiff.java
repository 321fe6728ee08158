package io.github.etcdregistry.oracle;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where two JSON trees differ, as JSON pointers with both values: the evidence an oracle failure needs.
 *
 * <p>One difference is intended and not reported: a field absent on one side and holding its Go zero value
 * ({@code 0}, {@code false}, {@code ""}, {@code []}, {@code {}}, {@code null}) on the other. Protobuf carries
 * every non-pointer field, Go's JSON drops those tagged omitempty, and the descriptors do not say which is which.
 */
final class JsonDiff {

  private JsonDiff() {}

  static List<String> between(JsonNode decoded, JsonNode served) {
    List<String> differences = new ArrayList<>();
    walk("", decoded, served, differences);
    return differences;
  }

  private static void walk(String path, JsonNode decoded, JsonNode served, List<String> differences) {
    if (absent(decoded) || absent(served)) {
      if (!(absent(decoded) && isZero(served)) && !(absent(served) && isZero(decoded))) {
        differences.add(path + ": decoded " + describe(decoded) + ", served " + describe(served));
      }
    } else if (decoded.isObject() && served.isObject()) {
      Set<String> names = new TreeSet<>();
      decoded.fieldNames().forEachRemaining(names::add);
      served.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        walk(path + "/" + name, decoded.get(name), served.get(name), differences);
      }
    } else if (decoded.isArray() && served.isArray() && decoded.size() == served.size()) {
      for (int i = 0; i < decoded.size(); i++) {
        walk(path + "/" + i, decoded.get(i), served.get(i), differences);
      }
    } else if (!decoded.equals(served) && !(decoded.isNumber() && served.isNumber() && decoded.decimalValue().compareTo(served.decimalValue()) == 0)) {
      differences.add(path + ": decoded " + describe(decoded) + ", served " + describe(served));
    }
  }

  private static boolean absent(JsonNode node) {
    return node == null || node.isMissingNode();
  }

  private static boolean isZero(JsonNode node) {
    return node.isNull()
        || (node.isNumber() && node.decimalValue().signum() == 0)
        || (node.isBoolean() && !node.booleanValue())
        || (node.isTextual() && node.asText().isEmpty())
        || (node.isContainerNode() && node.isEmpty());
  }

  private static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "(absent)";
    }
    String text = node.toString();
    return text.length() > 120 ? text.substring(0, 120) + "..." : text;
  }
}
