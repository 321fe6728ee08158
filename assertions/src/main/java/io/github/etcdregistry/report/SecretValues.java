package io.github.etcdregistry.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A Secret with its values hidden: reports are shared, Secret values must not be. */
final class SecretValues {

  static final String REDACTED = "<redacted>";

  private SecretValues() {
  }

  /** A copy of a Secret's Kubernetes JSON with every {@code data} and {@code stringData} value replaced; the names stay. */
  static ObjectNode redact(ObjectNode secret) {
    ObjectNode copy = secret.deepCopy();
    for (String field : new String[] {"data", "stringData"}) {
      JsonNode values = copy.get(field);
      if (values instanceof ObjectNode map) {
        map.fieldNames().forEachRemaining(name -> map.put(name, REDACTED));
      }
    }
    return copy;
  }
}
