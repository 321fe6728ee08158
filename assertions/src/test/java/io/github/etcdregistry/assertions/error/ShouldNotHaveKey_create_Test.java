package io.github.etcdregistry.assertions.error;

import static io.github.etcdregistry.assertions.error.ShouldNotHaveKey.shouldNotHaveKey;
import static java.lang.String.format;
import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.description.TextDescription;
import org.assertj.core.presentation.StandardRepresentation;
import org.junit.jupiter.api.Test;

class ShouldNotHaveKey_create_Test {

  @Test
  void showsTheEntryThatIsThere() {
    String message = shouldNotHaveKey("/registry/minions/worker-1",
        "/registry/minions/worker-1 (protobuf, 1840 bytes, create_revision=12, mod_revision=40, version=5)")
        .create(new TextDescription("Test"), new StandardRepresentation());

    assertThat(message).isEqualTo(format("[Test] %n"
        + "Expecting etcd not to have key:%n"
        + "  \"/registry/minions/worker-1\"%n"
        + "but it holds:%n"
        + "  /registry/minions/worker-1 (protobuf, 1840 bytes, create_revision=12, mod_revision=40, version=5)"));
  }
}
