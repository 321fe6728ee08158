package io.github.etcdregistry.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The Jackson and fabric8 machinery shared by the codec; all thread-safe and costly to build.
 *
 * <p>The codec's trees are Jackson 2, which every stack our users build on carries. fabric8 7 reads them
 * directly; fabric8 8 serializes with Jackson 3 and is given the JSON text instead.
 */
final class Serialization {

  static final JsonMapper JSON = JsonMapper.builder().build();

  /** YAML as kubectl prints it: no document marker, quotes only where a plain scalar would change meaning. */
  static final YAMLMapper YAML = YAMLMapper.builder()
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES, YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .build();

  private Serialization() {
  }

  static String toYaml(JsonNode tree) {
    try {
      return YAML.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree did not write as YAML", e); // a tree always does
    }
  }

  /** The tree as a fabric8 model object, through the serialization fabric8 itself uses. */
  static <T> T toModel(JsonNode tree, Class<T> type) {
    return Fabric8.TREES_DIRECTLY
        ? Fabric8.INSTANCE.convertValue(tree, type)
        : Fabric8.INSTANCE.unmarshal(tree.toString(), type);
  }

  /** Built on first use, because fabric8's serialization scans the model classes. */
  private static final class Fabric8 {
    static final KubernetesSerialization INSTANCE = new KubernetesSerialization();
    static final boolean TREES_DIRECTLY = usesJackson2();

    private static boolean usesJackson2() {
      try {
        return KubernetesSerialization.class.getDeclaredMethod("getMapper").getReturnType().getName()
            .startsWith("com.fasterxml.jackson.");
      } catch (NoSuchMethodException e) {
        return false;
      }
    }
  }
}
