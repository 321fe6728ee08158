package io.github.etcdregistry.assertions;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.etcdregistry.codec.StorageCodec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The values a Secret holds, in each form they can take in a message, and nothing else. */
class SecretRedactionTest {

  private static final String CANARY = "canary-s3cr3t-value";
  private static final String CANARY_BASE64 = base64(CANARY);

  private final SecretRedaction redaction = SecretRedaction.of(StorageCodec.create().decode("/registry/secrets/default/db", ("""
      {"apiVersion":"v1","kind":"Secret","metadata":{"name":"db","namespace":"default"},"type":"Opaque",
       "data":{"password":"%s","pin":"%s"}}
      """.formatted(CANARY_BASE64, base64("123"))).getBytes(StandardCharsets.UTF_8), 7));
  private final SecretRedactingRepresentation representation = SecretRedactingRepresentation.hiding(redaction);

  @Test
  void aValueIsHiddenStoredDecodedAndAsBytes() {
    assertThat(representation.toStringOf(CANARY_BASE64)).isEqualTo("<redacted>");
    assertThat(representation.toStringOf(CANARY)).isEqualTo("<redacted>");
    assertThat(representation.toStringOf(CANARY.getBytes(StandardCharsets.UTF_8))).isEqualTo("<redacted>");
    assertThat(representation.unambiguousToStringOf(CANARY)).isEqualTo("<redacted>");
  }

  @Test
  void aValueIsHiddenInsideWhateverHoldsIt() {
    assertThat(representation.toStringOf(Map.of("password", CANARY_BASE64))).isEqualTo("{\"password\"=<redacted>}");
    assertThat(representation.toStringOf(List.of(Optional.of("x" + CANARY + "y")))).isEqualTo("[Optional[x<redacted>y]]");
    assertThat(representation.toStringOf(new Holder(CANARY))).isEqualTo("Holder[value=<redacted>]");
  }

  @Test
  void aShortValueIsHiddenWholeButNotInsideOtherText() {
    assertThat(representation.toStringOf("123")).isEqualTo("<redacted>");
    assertThat(representation.toStringOf(Map.of("pin", "123"))).isEqualTo("{\"pin\"=<redacted>}");
    assertThat(representation.toStringOf("revision 1234")).isEqualTo("\"revision 1234\"");
  }

  @Test
  void aFailureIsCopiedWithItsCausesOnlyWhenItShowsAValue() {
    AssertionError clean = new AssertionError("expected 1 but was 2");
    assertThat(redaction.scrub(clean)).isSameAs(clean);

    IllegalStateException cause = new IllegalStateException("read " + CANARY);
    AssertionError leaking = new AssertionError("expected \"wrong\" but was \"" + CANARY_BASE64 + "\"", cause);
    leaking.addSuppressed(new AssertionError("also " + CANARY));
    AssertionError scrubbed = redaction.scrub(leaking);

    assertThat(scrubbed).isNotSameAs(leaking).hasMessage("expected \"wrong\" but was \"<redacted>\"");
    assertThat(scrubbed.getStackTrace()).isEqualTo(leaking.getStackTrace());
    assertThat(scrubbed.getCause()).hasMessage(IllegalStateException.class.getName() + ": read <redacted>");
    assertThat(scrubbed.getSuppressed()).singleElement().satisfies(s -> assertThat(s).hasMessage("also <redacted>"));
  }

  @Test
  void otherObjectsHideNothing() {
    SecretRedaction none = SecretRedaction.of(StorageCodec.create().decode("/registry/configmaps/default/settings", """
        {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings","namespace":"default"},"data":{"password":"abcd"}}
        """.getBytes(StandardCharsets.UTF_8), 7));

    assertThat(none.isEmpty()).isTrue();
    assertThat(SecretRedactingRepresentation.hiding(none).toStringOf("abcd")).isEqualTo("\"abcd\"");
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private record Holder(String value) {}
}
