package io.github.etcdregistry.codec;

import static io.github.etcdregistry.codec.ProtobufDecodingTest.assertJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import org.junit.jupiter.api.Test;

/** Custom resources, CRDs and APIServices are stored as JSON. */
class JsonValuesTest {

  private static final String WIDGET = """
      {"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w","namespace":"default",\
      "uid":"u-1","generation":1,"creationTimestamp":"2026-11-28T01:02:03Z"},"spec":{"size":3,"ratio":0.5}}""";

  private final StorageCodec codec = StorageCodec.create();

  @Test
  void customResourceGetsItsResourceVersionFromTheModRevision() {
    DecodedObject decoded = codec.decode("/registry/example.com/widgets/default/w", StoredValues.json(WIDGET), 501);

    assertThat(decoded.encoding()).isEqualTo(StorageEncoding.JSON);
    assertThat(decoded.apiVersion()).isEqualTo("example.com/v1");
    assertThat(decoded.kind()).isEqualTo("Widget");
    assertJson(decoded, """
        {"apiVersion":"example.com/v1","kind":"Widget",
         "metadata":{"name":"w","namespace":"default","uid":"u-1","generation":1,
                     "creationTimestamp":"2026-11-28T01:02:03Z","resourceVersion":"501"},
         "spec":{"size":3,"ratio":0.5}}
        """);
  }

  @Test
  void customResourceAsGenericKubernetesResource() {
    GenericKubernetesResource widget = codec.decode("/registry/example.com/widgets/default/w", StoredValues.json(WIDGET), 7)
        .as(GenericKubernetesResource.class);

    assertThat(widget.getMetadata().getName()).isEqualTo("w");
    assertThat(widget.getMetadata().getResourceVersion()).isEqualTo("7");
    assertThat(widget.<Integer>get("spec", "size")).isEqualTo(3);
  }

  @Test
  void inspectingReadsApiVersionAndKindCheaply() {
    StoredValue stored = StoredValue.inspect(StoredValues.json(WIDGET));

    assertThat(stored.encoding()).isEqualTo(StorageEncoding.JSON);
    assertThat(stored.apiVersion()).contains("example.com/v1");
    assertThat(stored.kind()).contains("Widget");
  }

  @Test
  void metadataIsAddedWhenMissing() {
    DecodedObject decoded = codec.decode("/registry/example.com/widgets/w",
        StoredValues.json("{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\"}"), 3);

    assertThat(decoded.json().path("metadata").path("resourceVersion").asText()).isEqualTo("3");
  }
}
