package io.github.etcdregistry.assertions.error;

import static io.github.etcdregistry.assertions.error.ShouldHaveEncoding.shouldHaveEncoding;
import static java.lang.String.format;
import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.description.TextDescription;
import org.assertj.core.presentation.StandardRepresentation;
import org.junit.jupiter.api.Test;

class ShouldHaveEncoding_create_Test {

  @Test
  void showsBothEncodingsAndTheFirstBytes() {
    String message = shouldHaveEncoding("/registry/configmaps/default/settings", "protobuf", "json",
        "7b 22 6b 69 6e 64 22 3a ... (74 bytes)")
        .create(new TextDescription("Test"), new StandardRepresentation());

    assertThat(message).isEqualTo(format("[Test] %n"
        + "Expecting the value of:%n"
        + "  \"/registry/configmaps/default/settings\"%n"
        + "to be stored as protobuf but it is stored as json; first bytes:%n"
        + "  7b 22 6b 69 6e 64 22 3a ... (74 bytes)"));
  }
}
