package io.github.etcdregistry.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected strings are what Go's time.Duration.String() prints. */
class GoDurationTest {

  @ParameterizedTest
  @CsvSource({
      "0, 0s",
      "1, 1ns",
      "1100, 1.1µs",
      "2200000, 2.2ms",
      "1500000000, 1.5s",
      "30000000000, 30s",
      "90000000000, 1m30s",
      "3600000000000, 1h0m0s",
      "4000000000001, 1h6m40.000000001s",
      "-1000000000, -1s",
      "-1500, -1.5µs",
      "9223372036854775807, 2562047h47m16.854775807s",
      "-9223372036854775808, -2562047h47m16.854775808s"})
  void formatsLikeGo(long nanos, String expected) {
    assertThat(GoDuration.format(nanos)).isEqualTo(expected);
  }
}
