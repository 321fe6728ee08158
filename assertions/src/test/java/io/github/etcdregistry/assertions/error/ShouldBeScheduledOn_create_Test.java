package io.github.etcdregistry.assertions.error;

import static io.github.etcdregistry.assertions.error.ShouldBeScheduledOn.shouldBeScheduledOn;
import static java.lang.String.format;
import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.description.TextDescription;
import org.assertj.core.presentation.StandardRepresentation;
import org.junit.jupiter.api.Test;

class ShouldBeScheduledOn_create_Test {

  @Test
  void boundElsewhere() {
    String message = shouldBeScheduledOn("/registry/pods/default/web", "Pod", "node-1", "node-2")
        .create(new TextDescription("Test"), new StandardRepresentation());

    assertThat(message).isEqualTo(format("[Test] %n"
        + "Expecting the Pod stored under:%n"
        + "  \"/registry/pods/default/web\"%n"
        + "to be scheduled on \"node-1\", but it is bound to \"node-2\""));
  }

  @Test
  void boundNowhere() {
    String message = shouldBeScheduledOn("/registry/pods/default/web", "Pod", "node-1", null)
        .create(new TextDescription("Test"), new StandardRepresentation());

    assertThat(message).isEqualTo(format("[Test] %n"
        + "Expecting the Pod stored under:%n"
        + "  \"/registry/pods/default/web\"%n"
        + "to be scheduled on \"node-1\", but it is bound to no node (spec.nodeName is not set): no node could take it yet,"
        + " or nothing schedules Pods (@WithEtcdRegistry(nodes = ...))"));
  }

  @Test
  void noPod() {
    String message = shouldBeScheduledOn("/registry/configmaps/default/web", "ConfigMap", "node-1", null)
        .create(new TextDescription("Test"), new StandardRepresentation());

    assertThat(message).isEqualTo(format("[Test] %n"
        + "Expecting the object stored under:%n"
        + "  \"/registry/configmaps/default/web\"%n"
        + "to be a Pod scheduled on \"node-1\", but it is a ConfigMap"));
  }
}
