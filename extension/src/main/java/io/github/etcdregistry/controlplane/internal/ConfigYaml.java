package io.github.etcdregistry.controlplane.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The YAML of the configuration files the control plane writes (kubeconfig, EncryptionConfiguration), built as a
 * tree. Every string is quoted and kept on one line, so a path with a space, a colon or a quote reads back as it was.
 */
public final class ConfigYaml {

  private static final YAMLMapper YAML = YAMLMapper.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER, YAMLGenerator.Feature.SPLIT_LINES)
      .build();

  private ConfigYaml() {}

  public static ObjectNode object() {
    return YAML.createObjectNode();
  }

  public static String write(JsonNode tree) {
    try {
      return YAML.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree did not write as YAML", e); // a tree of strings always does
    }
  }
}
