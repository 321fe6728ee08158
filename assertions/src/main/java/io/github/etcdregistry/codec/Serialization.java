package io.github.etcdregistry.codec;

import java.io.ByteArrayInputStream;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The Jackson and fabric8 machinery shared by the codec; all thread-safe and costly to build.
 *
 * <p>The codec's trees are Jackson 2, which every stack our users build on carries. fabric8 7 reads them
 * directly, through its own configured mapper; fabric8 8 serializes with Jackson 3 and is given the JSON as UTF-8
 * bytes instead, written once.
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
    if (type.isInstance(tree)) {
      return type.cast(tree.deepCopy()); // a tree asked for as a tree: a copy, as the caller may change it
    }
    return Fabric8.USES_JACKSON_2 ? Fabric8Jackson2.toModel(tree, type) : Fabric8.fromJson(tree, type);
  }

  /** Built on first use, because fabric8's serialization scans the model classes. */
  private static final class Fabric8 {
    static final boolean USES_JACKSON_2 = usesJackson2();

    private static boolean usesJackson2() {
      try {
        return KubernetesSerialization.class.getDeclaredMethod("getMapper").getReturnType().getName()
            .startsWith("com.fasterxml.jackson.");
      } catch (NoSuchMethodException e) {
        return false;
      }
    }

    /** fabric8 8: the JSON bytes, parsed by fabric8's Jackson 3 mapper (its unmarshal of a String makes the bytes too). */
    static <T> T fromJson(JsonNode tree, Class<T> type) {
      try {
        return Holder.INSTANCE.unmarshal(new ByteArrayInputStream(JSON.writeValueAsBytes(tree)), type);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a JSON tree did not write as JSON", e); // a tree always does
      }
    }

    private static final class Holder {
      static final KubernetesSerialization INSTANCE = new KubernetesSerialization();
    }
  }

  /**
   * fabric8 7: the tree read in place by the Jackson 2 mapper fabric8 configured (its modules and model types),
   * with no JSON text or token buffer in between. Loaded only with fabric8 7, whose constructor takes that mapper.
   */
  private static final class Fabric8Jackson2 {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static {
      new KubernetesSerialization(MAPPER, true); // configures MAPPER as fabric8's default serialization does its own
    }

    static <T> T toModel(JsonNode tree, Class<T> type) {
      try {
        return MAPPER.treeToValue(tree, type);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
  }
}
