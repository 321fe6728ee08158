package io.github.etcdregistry.assertions.error;

import static io.github.etcdregistry.assertions.error.ShouldNotHaveLargeValues.shouldNotHaveValuesLargerThan;
import static java.lang.String.format;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.description.TextDescription;
import org.assertj.core.presentation.StandardRepresentation;
import org.junit.jupiter.api.Test;

class ShouldNotHaveLargeValues_create_Test {

  @Test
  void listsTheLargeValuesLargestFirstAndEtcdsLimit() {
    String message = shouldNotHaveValuesLargerThan(1_048_576, List.of(
            "/registry/configmaps/default/big: 2097251 bytes", "/registry/configmaps/default/bigger-name: 1100000 bytes"))
        .create(new TextDescription("Test"), new StandardRepresentation());

    assertThat(message).isEqualTo(format("[Test] %n"
        + "Expecting no value in etcd larger than 1048576 bytes but 2 are:%n"
        + "  /registry/configmaps/default/big: 2097251 bytes%n"
        + "  /registry/configmaps/default/bigger-name: 1100000 bytes%n"
        + "(etcd refuses requests over 1.5 MiB by default: --max-request-bytes=1572864)"));
  }

  @Test
  void saysIsForOneValue() {
    String message = shouldNotHaveValuesLargerThan(100, List.of("/registry/configmaps/default/big: 2097251 bytes"))
        .create(new TextDescription("Test"), new StandardRepresentation());

    assertThat(message).isEqualTo(format("[Test] %n"
        + "Expecting no value in etcd larger than 100 bytes but 1 is:%n"
        + "  /registry/configmaps/default/big: 2097251 bytes%n"
        + "(etcd refuses requests over 1.5 MiB by default: --max-request-bytes=1572864)"));
  }
}
