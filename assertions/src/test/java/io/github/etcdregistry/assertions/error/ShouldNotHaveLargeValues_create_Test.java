package io.github.etcdregistry.assertions.error;

import static io.github.etcdregistry.assertions.error.ShouldNotHaveLargeValues.shouldNotHaveValuesLargerThan;
import static java.lang.String.format;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.description.TextDescription;
import org.assertj.core.presentation.StandardRepresentation;
import org.junit.jupiter.api.Test;

class ShouldNotHaveLargeValues_create_Test {

  @Test
  void listsTheLargeValuesLargestFirstAndEtcdsLimit() {
    Map<String, Long> sizes = new LinkedHashMap<>();
    sizes.put("/registry/configmaps/default/big", 2_097_251L);
    sizes.put("/registry/configmaps/default/bigger-name", 1_100_000L);
    sizes.put("/registry/configmaps/default/small", 1_500L);
    String message = shouldNotHaveValuesLargerThan(1_000, sizes).create(new TextDescription("Test"), new StandardRepresentation());

    assertThat(message).isEqualTo(format("[Test] %n"
        + "Expecting no value in etcd larger than 1000 bytes but 3 are:%n"
        + "  /registry/configmaps/default/big: 2097251 bytes (2.00 MiB)%n"
        + "  /registry/configmaps/default/bigger-name: 1100000 bytes (1.05 MiB)%n"
        + "  /registry/configmaps/default/small: 1500 bytes (1.5 KiB)%n"
        + "(etcd refuses requests over 1.5 MiB by default: --max-request-bytes=1572864)"));
  }

  @Test
  void saysIsForOneValue() {
    String message = shouldNotHaveValuesLargerThan(1_048_576, Map.of("/registry/configmaps/default/big", 2_097_251L))
        .create(new TextDescription("Test"), new StandardRepresentation());

    assertThat(message).isEqualTo(format("[Test] %n"
        + "Expecting no value in etcd larger than 1048576 bytes (1.00 MiB) but 1 is:%n"
        + "  /registry/configmaps/default/big: 2097251 bytes (2.00 MiB)%n"
        + "(etcd refuses requests over 1.5 MiB by default: --max-request-bytes=1572864)"));
  }

  @Test
  void listsTheLargestTenAndCountsTheRest() {
    Map<String, Long> sizes = new LinkedHashMap<>();
    for (int i = 199; i > 0; i--) {
      sizes.put("/registry/configmaps/default/cm-" + i, 100L + i);
    }
    String message = shouldNotHaveValuesLargerThan(100, sizes).create(new TextDescription("Test"), new StandardRepresentation());

    assertThat(message).contains(format("larger than 100 bytes but 199 are:%n  /registry/configmaps/default/cm-199: 299 bytes%n"))
        .contains(format("  /registry/configmaps/default/cm-190: 290 bytes%n  … and 189 more%n"))
        .doesNotContain("cm-189")
        .hasLineCount(14);
  }
}
