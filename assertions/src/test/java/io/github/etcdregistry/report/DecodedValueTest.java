package io.github.etcdregistry.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.etcdregistry.codec.StorageCodec;
import io.github.etcdregistry.codec.StoredValue;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DecodedValueTest {

  @Test
  void secretValuesAreRedactedButTheirNamesStay() {
    String yaml = Nodes.json("/registry/secrets/tour/db", Nodes.SECRET).value().text(false);

    assertThat(yaml).contains("password: <redacted>", "token: <redacted>", "name: db", "resourceVersion: \"9\"")
        .doesNotContain("czNjcjN0LXZhbHVl", "plain-token");
  }

  @Test
  void secretValuesAppearWhenRevealed() {
    assertThat(Nodes.json("/registry/secrets/tour/db", Nodes.SECRET).value().text(true))
        .contains("password: czNjcjN0LXZhbHVl", "token: plain-token");
  }

  @Test
  void onlyKeysUnderSecretsAreRedacted() {
    String configMap = """
        {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings","namespace":"tour"},"data":{"mode":"fast"}}""";
    DecodedValue value = Nodes.json("/registry/configmaps/tour/settings", configMap).value();

    assertThat(value.isSecret()).isFalse();
    assertThat(value.text(false)).contains("mode: fast");
  }

  @Test
  void anUndecodableValueSaysWhyAndShowsItsFirstBytes() {
    DecodedValue value = Nodes.node("compact_rev_key", "1234".getBytes(StandardCharsets.US_ASCII)).value();

    assertThat(value.isDecodable()).isFalse();
    assertThat(value.text(false)).startsWith("Cannot decode compact_rev_key: not a Kubernetes object").contains("31 32 33 34");
  }

  @Test
  void theValueIsDecodedOnFirstUseAndOnlyOnce() {
    byte[] stored = (Nodes.SECRET + "\n").getBytes(StandardCharsets.UTF_8);
    AtomicInteger decodings = new AtomicInteger();
    DecodedValue value = DecodedValue.of("/registry/secrets/tour/db", StoredValue.inspect(stored), () -> {
      decodings.incrementAndGet();
      return StorageCodec.create().decode("/registry/secrets/tour/db", stored, 9);
    }, true);
    assertThat(decodings).hasValue(0);

    value.text(false);
    value.text(true);
    value.isDecodable();

    assertThat(decodings).hasValue(1);
  }
}
