package io.github.etcdregistry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StructuredTest {

  private final Map<String, Object> data = new LinkedHashMap<>();

  StructuredTest() {
    data.put("key", "/registry/secrets/default/db");
    data.put("bytes", 243);
    data.put("passed", false);
    data.put("version", "v1");
    data.put("counts", Map.of("aescbc:key1", 2));
    data.put("offenders", List.of("a \"quoted\" name", "yes"));
    data.put("empty", List.of());
  }

  @Test
  void jsonEscapesAndNests() {
    assertThat(Structured.json(data)).isEqualTo("""
        {
          "key": "/registry/secrets/default/db",
          "bytes": 243,
          "passed": false,
          "version": "v1",
          "counts": {
            "aescbc:key1": 2
          },
          "offenders": [
            "a \\"quoted\\" name",
            "yes"
          ],
          "empty": []
        }
        """);
  }

  @Test
  void yamlQuotesWhatWouldReadAsAnotherType() {
    assertThat(Structured.yaml(data)).isEqualTo("""
        key: /registry/secrets/default/db
        bytes: 243
        passed: false
        version: v1
        counts:
          aescbc:key1: 2
        offenders:
          - "a \\"quoted\\" name"
          - "yes"
        empty: []
        """);
    assertThat(Structured.yaml(List.of(Map.of("rule", "value-size", "passed", true))))
        .isIn("- rule: value-size\n  passed: true\n", "- passed: true\n  rule: value-size\n");
  }
}
