package io.github.etcdregistry.assertions.error;

import static io.github.etcdregistry.assertions.error.ShouldHaveRevision.shouldHaveRevision;
import static java.lang.String.format;
import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.description.TextDescription;
import org.assertj.core.presentation.StandardRepresentation;
import org.junit.jupiter.api.Test;

class ShouldHaveRevision_create_Test {

  @Test
  void namesTheCounterAndPrintsPlainNumbers() {
    String message = shouldHaveRevision("/registry/configmaps/default/settings", "version (number of writes)", 1, 2)
        .create(new TextDescription("Test"), new StandardRepresentation());

    assertThat(message).isEqualTo(format("[Test] %n"
        + "Expecting version (number of writes) of:%n"
        + "  \"/registry/configmaps/default/settings\"%n"
        + "to be 1 but was 2"));
  }

  @Test
  void largeRevisionsHaveNoLongSuffix() {
    String message = shouldHaveRevision("/registry/configmaps/default/settings", "mod_revision", 4_000_000_000L, 4_000_000_007L)
        .create(new TextDescription("Test"), new StandardRepresentation());

    assertThat(message).isEqualTo(format("[Test] %n"
        + "Expecting mod_revision of:%n"
        + "  \"/registry/configmaps/default/settings\"%n"
        + "to be 4000000000 but was 4000000007"));
  }
}
