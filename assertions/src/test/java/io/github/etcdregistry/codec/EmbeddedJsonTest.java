package io.github.etcdregistry.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The direct readers of embedded JSON and timestamps give exactly what Jackson and java.time give. */
class EmbeddedJsonTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"f:metadata\":{\"f:labels\":{\".\":{},\"f:app\":{}}},\"f:status\":{\"f:conditions\":{\"k:{\\\"type\\\":\\\"Ready\\\"}\":{\".\":{}}}}}",
      " { \"a\" : [ true , false , null , \"x\\ty\\\\z\\/\" , { } , [ ] ] } \n",
      "{}", "[]", "\"text\"", "null", "{\"same\":{},\"same\":{\"f:x\":{}}}"})
  void readsSimpleJsonAsJacksonDoes(String json) throws Exception {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

    assertThat(EmbeddedJson.tryRead(bytes)).isEqualTo(Serialization.JSON.readTree(bytes));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"n\":1}", "{\"é\":{}}", "\"\\u0041\"", "{\"a\":{}", "{\"a\":{}} x", "{\"a\" {}}", "truex", "",
      "{\"a\":{},}", "[1]"})
  void leavesEverythingElseToJackson(String json) {
    assertThat(EmbeddedJson.tryRead(json.getBytes(StandardCharsets.UTF_8))).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-11-28T01:02:03.123456789Z", "1970-01-01T00:00:00Z", "0001-01-01T00:00:01Z",
      "9999-12-31T23:59:59.999999Z", "1969-12-31T23:59:59.5Z", "2024-02-29T12:00:00.000042Z"})
  void timestampsAsTheFormatterWritesThem(String text) {
    Instant instant = Instant.parse(text);
    DateTimeFormatter seconds = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX").withZone(ZoneOffset.UTC);
    DateTimeFormatter micros = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSXXX").withZone(ZoneOffset.UTC);

    assertThat(Rfc3339.format(instant.getEpochSecond(), instant.getNano(), false)).isEqualTo(seconds.format(instant));
    assertThat(Rfc3339.format(instant.getEpochSecond(), instant.getNano(), true)).isEqualTo(micros.format(instant));
  }
}
