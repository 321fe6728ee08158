package io.github.etcdregistry.codec;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/** The Jackson and fabric8 machinery shared by the codec; all thread-safe and costly to build. */
final class Serialization {

  static final JsonMapper JSON = JsonMapper.builder().build();

  /** YAML as kubectl prints it: no document marker, quotes only where a plain scalar would change meaning. */
  static final YAMLMapper YAML = YAMLMapper.builder()
      .enable(YAMLWriteFeature.MINIMIZE_QUOTES, YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
      .build();

  private Serialization() {
  }

  /** fabric8's serialization, which knows the model classes; built on first use because it scans them. */
  static KubernetesSerialization kubernetes() {
    return Fabric8.INSTANCE;
  }

  private static final class Fabric8 {
    static final KubernetesSerialization INSTANCE = new KubernetesSerialization();
  }
}
