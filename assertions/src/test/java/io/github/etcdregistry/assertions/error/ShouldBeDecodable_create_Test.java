package io.github.etcdregistry.assertions.error;

import static io.github.etcdregistry.assertions.error.ShouldBeDecodable.shouldBeDecodable;
import static io.github.etcdregistry.assertions.error.ShouldBeDecodable.shouldDecodeAs;
import static java.lang.String.format;
import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.description.TextDescription;
import org.assertj.core.presentation.StandardRepresentation;
import org.junit.jupiter.api.Test;

class ShouldBeDecodable_create_Test {

  private static final String KEY = "/registry/pods/default/nginx";

  @Test
  void shouldBeDecodableGivesTheReason() {
    String message = shouldBeDecodable(KEY, KEY + " is not a Kubernetes object (unknown, 6b 38 73 01 0a ... (120 bytes))")
        .create(new TextDescription("Test"), new StandardRepresentation());

    assertThat(message).isEqualTo(format("[Test] %n"
        + "Expecting the value of:%n"
        + "  \"/registry/pods/default/nginx\"%n"
        + "to decode into a Kubernetes object but:%n"
        + "  /registry/pods/default/nginx is not a Kubernetes object (unknown, 6b 38 73 01 0a ... (120 bytes))"));
  }

  @Test
  void shouldDecodeAsNamesTheType() {
    String message = shouldDecodeAs(KEY, "io.fabric8.kubernetes.api.model.apps.Deployment", "a Pod does not read as a Deployment")
        .create(new TextDescription("Test"), new StandardRepresentation());

    assertThat(message).isEqualTo(format("[Test] %n"
        + "Expecting the object stored under:%n"
        + "  \"/registry/pods/default/nginx\"%n"
        + "to read as io.fabric8.kubernetes.api.model.apps.Deployment but:%n"
        + "  a Pod does not read as a Deployment"));
  }
}
