package io.github.etcdregistry.assertions.error;

import static io.github.etcdregistry.assertions.error.ShouldHaveKey.shouldHaveKey;
import static java.lang.String.format;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.description.TextDescription;
import org.assertj.core.presentation.StandardRepresentation;
import org.junit.jupiter.api.Test;

class ShouldHaveKey_create_Test {

  @Test
  void listsTheNearestKeysMostSimilarFirst() {
    String message = shouldHaveKey("/registry/pods/default/ngnix", "Pod ngnix in namespace default", "/registry/pods/default/",
        List.of("/registry/pods/default/nginx", "/registry/pods/default/nginx-2"))
        .create(new TextDescription("Test"), new StandardRepresentation());

    assertThat(message).isEqualTo(format("[Test] %n"
        + "Expecting etcd to have key:%n"
        + "  \"/registry/pods/default/ngnix\"%n"
        + "(Pod ngnix in namespace default)%n"
        + "but it is not there. Nearest keys under /registry/pods/default/:%n"
        + "  /registry/pods/default/nginx%n"
        + "  /registry/pods/default/nginx-2"));
  }

  @Test
  void saysNothingIsStoredWhenNoKeyIsNear() {
    String message = shouldHaveKey("/registry/widgets/default/w", "widget w in namespace default", "/registry/", List.of())
        .create(new TextDescription("Test"), new StandardRepresentation());

    assertThat(message).isEqualTo(format("[Test] %n"
        + "Expecting etcd to have key:%n"
        + "  \"/registry/widgets/default/w\"%n"
        + "(widget w in namespace default)%n"
        + "but nothing is stored under /registry/"));
  }
}
