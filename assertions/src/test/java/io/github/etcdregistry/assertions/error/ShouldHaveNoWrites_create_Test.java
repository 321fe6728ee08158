package io.github.etcdregistry.assertions.error;

import static io.github.etcdregistry.assertions.error.ShouldHaveNoWrites.shouldHaveNoWritesUnder;
import static java.lang.String.format;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.description.TextDescription;
import org.assertj.core.presentation.StandardRepresentation;
import org.junit.jupiter.api.Test;

class ShouldHaveNoWrites_create_Test {

  @Test
  void listsTheWritesUnderThePrefix() {
    String message = shouldHaveNoWritesUnder("/registry/secrets/", List.of(
            "rev 57 CREATE /registry/secrets/team-a/token 312 bytes by my-operator",
            "rev 61 DELETE /registry/secrets/team-a/token by my-operator"))
        .create(new TextDescription("Test"), new StandardRepresentation());

    assertThat(message).isEqualTo(format("[Test] %n"
        + "Expecting no write under:%n"
        + "  \"/registry/secrets/\"%n"
        + "but the recording holds 2:%n"
        + "  rev 57 CREATE /registry/secrets/team-a/token 312 bytes by my-operator%n"
        + "  rev 61 DELETE /registry/secrets/team-a/token by my-operator"));
  }
}
