package io.github.etcdregistry.assertions.error;

import static io.github.etcdregistry.assertions.error.ShouldHaveStoredType.shouldHaveStoredType;
import static java.lang.String.format;
import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.description.TextDescription;
import org.assertj.core.presentation.StandardRepresentation;
import org.junit.jupiter.api.Test;

class ShouldHaveStoredType_create_Test {

  @Test
  void kind() {
    String message = shouldHaveStoredType("/registry/configmaps/default/settings", "kind", "Secret", "ConfigMap")
        .create(new TextDescription("Test"), new StandardRepresentation());

    assertThat(message).isEqualTo(format("[Test] %n"
        + "Expecting the object stored under:%n"
        + "  \"/registry/configmaps/default/settings\"%n"
        + "to have kind \"Secret\" but it has \"ConfigMap\""));
  }

  @Test
  void apiVersion() {
    String message = shouldHaveStoredType("/registry/horizontalpodautoscalers/default/web", "apiVersion", "autoscaling/v2", "autoscaling/v1")
        .create(new TextDescription("Test"), new StandardRepresentation());

    assertThat(message).isEqualTo(format("[Test] %n"
        + "Expecting the object stored under:%n"
        + "  \"/registry/horizontalpodautoscalers/default/web\"%n"
        + "to have apiVersion \"autoscaling/v2\" but it has \"autoscaling/v1\""));
  }
}
