package io.github.etcdregistry.assertions;

import io.fabric8.kubernetes.api.model.Secret;
import java.util.Map;
import java.util.TreeSet;
import org.assertj.core.presentation.StandardRepresentation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Prints objects in failure messages as AssertJ does, except a Secret: its data keys are named, its values
 * never shown. Test reports end up in CI logs; Secret values must not.
 */
final class SecretRedactingRepresentation extends StandardRepresentation {

  static final SecretRedactingRepresentation INSTANCE = new SecretRedactingRepresentation();
  static final String REDACTED = "<redacted>";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  @Override
  public String toStringOf(Object object) {
    if (object instanceof Secret secret) {
      TreeSet<String> keys = new TreeSet<>();
      keys.addAll(keysOf(secret.getData()));
      keys.addAll(keysOf(secret.getStringData()));
      String name = secret.getMetadata() == null ? "?" : secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName();
      return "Secret " + name + " (type " + secret.getType() + ", data keys " + keys + ", values " + REDACTED + ")";
    }
    return super.toStringOf(object);
  }

  /** The Kubernetes JSON of a Secret with every data value replaced. */
  static ObjectNode redact(ObjectNode secret) {
    ObjectNode copy = secret.deepCopy();
    for (String field : new String[] {"data", "stringData"}) {
      JsonNode values = copy.get(field);
      if (values instanceof ObjectNode map) {
        for (String key : map.propertyNames()) {
          map.put(key, REDACTED);
        }
      }
    }
    return copy;
  }

  static String redactedJson(String json) {
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(redact((ObjectNode) JSON.readTree(json)));
  }

  static String redactedYaml(String json) {
    return YAML.writeValueAsString(redact((ObjectNode) JSON.readTree(json)));
  }

  private static java.util.Set<String> keysOf(Map<String, String> map) {
    return map == null ? java.util.Set.of() : map.keySet();
  }
}
