package io.github.etcdregistry.assertions.error;

import static io.github.etcdregistry.assertions.error.ShouldHappenWithin.shouldAppearWithin;
import static io.github.etcdregistry.assertions.error.ShouldHappenWithin.shouldDisappearWithin;
import static io.github.etcdregistry.assertions.error.ShouldHappenWithin.shouldEmptyNamespaceWithin;
import static io.github.etcdregistry.assertions.error.ShouldHappenWithin.shouldSatisfyWithin;
import static java.lang.String.format;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.assertj.core.description.TextDescription;
import org.assertj.core.presentation.StandardRepresentation;
import org.junit.jupiter.api.Test;

class ShouldHappenWithin_create_Test {

  private static final String KEY = "/registry/deployments/default/web";
  private static final List<String> HISTORY = List.of(
      "rev 41 CREATE /registry/deployments/default/web (1204 bytes, version 1)",
      "rev 44 UPDATE /registry/deployments/default/web (1388 bytes, version 2)");

  @Test
  void shouldAppearWithinListsTheNearestKeysAndTimesWholeSecondsInSeconds() {
    String message = shouldAppearWithin("/registry/pods/default/ngnix", "Pod ngnix in namespace default", Duration.ofSeconds(5),
        "/registry/pods/default/", List.of("/registry/pods/default/nginx", "/registry/pods/default/nginx-2"))
        .create(new TextDescription("Test"), new StandardRepresentation());

    assertThat(message).isEqualTo(format("[Test] %n"
        + "Expecting etcd to have key within 5 s:%n"
        + "  \"/registry/pods/default/ngnix\"%n"
        + "(Pod ngnix in namespace default)%n"
        + "but no write created it. Nearest keys under /registry/pods/default/:%n"
        + "  /registry/pods/default/nginx%n"
        + "  /registry/pods/default/nginx-2"));
  }

  @Test
  void shouldAppearWithinSaysNoneWhenNoKeyIsNearAndTimesTheRestInMilliseconds() {
    String message = shouldAppearWithin("/registry/widgets/default/w", "widget w in namespace default", Duration.ofMillis(1500),
        "/registry/", List.of())
        .create(new TextDescription("Test"), new StandardRepresentation());

    assertThat(message).isEqualTo(format("[Test] %n"
        + "Expecting etcd to have key within 1500 ms:%n"
        + "  \"/registry/widgets/default/w\"%n"
        + "(widget w in namespace default)%n"
        + "but no write created it. Nearest keys under /registry/:%n"
        + "  (none)"));
  }

  @Test
  void shouldDisappearWithinShowsTheWritesOfTheWindow() {
    String message = shouldDisappearWithin(KEY, Duration.ofMillis(300),
        KEY + " (protobuf, 1388 bytes, create_revision=41, mod_revision=44, version=2)", HISTORY)
        .create(new TextDescription("Test"), new StandardRepresentation());

    assertThat(message).isEqualTo(format("[Test] %n"
        + "Expecting etcd to delete key within 300 ms:%n"
        + "  \"/registry/deployments/default/web\"%n"
        + "but it still holds:%n"
        + "  /registry/deployments/default/web (protobuf, 1388 bytes, create_revision=41, mod_revision=44, version=2)%n"
        + "Its writes in that window:%n"
        + "  rev 41 CREATE /registry/deployments/default/web (1204 bytes, version 1)%n"
        + "  rev 44 UPDATE /registry/deployments/default/web (1388 bytes, version 2)"));
  }

  @Test
  void shouldDisappearWithinSaysWhenNothingWasWritten() {
    String message = shouldDisappearWithin(KEY, Duration.ofSeconds(2),
        KEY + " (protobuf, 1388 bytes, create_revision=41, mod_revision=44, version=2)", List.of())
        .create(new TextDescription("Test"), new StandardRepresentation());

    assertThat(message).isEqualTo(format("[Test] %n"
        + "Expecting etcd to delete key within 2 s:%n"
        + "  \"/registry/deployments/default/web\"%n"
        + "but it still holds:%n"
        + "  /registry/deployments/default/web (protobuf, 1388 bytes, create_revision=41, mod_revision=44, version=2)%n"
        + "No write to it in that window."));
  }

  @Test
  void shouldSatisfyWithinAppendsTheLastAssertionFailure() {
    String message = shouldSatisfyWithin(KEY, Duration.ofSeconds(10), format("%nexpected: 2%n but was: 1"), HISTORY)
        .create(new TextDescription("Test"), new StandardRepresentation());

    assertThat(message).isEqualTo(format("[Test] %n"
        + "Expecting key:%n"
        + "  \"/registry/deployments/default/web\"%n"
        + "to satisfy the assertion within 10 s, but its last version still fails:%n"
        + "expected: 2%n"
        + " but was: 1%n"
        + "Its writes in that window:%n"
        + "  rev 41 CREATE /registry/deployments/default/web (1204 bytes, version 1)%n"
        + "  rev 44 UPDATE /registry/deployments/default/web (1388 bytes, version 2)"));
  }

  @Test
  void shouldSatisfyWithinShowsAnExceptionAndSaysWhenNothingWasWritten() {
    String message = shouldSatisfyWithin(KEY, Duration.ofMillis(250),
        System.lineSeparator() + "java.lang.NullPointerException: status is null", List.of())
        .create(new TextDescription("Test"), new StandardRepresentation());

    assertThat(message).isEqualTo(format("[Test] %n"
        + "Expecting key:%n"
        + "  \"/registry/deployments/default/web\"%n"
        + "to satisfy the assertion within 250 ms, but its last version still fails:%n"
        + "java.lang.NullPointerException: status is null%n"
        + "No write to it in that window."));
  }

  @Test
  void shouldEmptyNamespaceWithoutWaitingListsTheRemainingKeys() {
    String message = shouldEmptyNamespaceWithin("team-a", null,
        List.of("/registry/namespaces/team-a", "/registry/services/specs/team-a/web"), List.of())
        .create(new TextDescription("Test"), new StandardRepresentation());

    assertThat(message).isEqualTo(format("[Test] %n"
        + "Expecting etcd to hold no key of namespace team-a, but it still holds 2:%n"
        + "  /registry/namespaces/team-a%n"
        + "  /registry/services/specs/team-a/web"));
  }

  @Test
  void shouldEmptyNamespaceWithinListsTheRemainingKeysAndTheWritesOfTheWindow() {
    String message = shouldEmptyNamespaceWithin("team-b", Duration.ofMillis(300), List.of("/registry/pods/team-b/web"),
        List.of("... 3 earlier writes", "rev 90 DELETE /registry/configmaps/team-b/settings"))
        .create(new TextDescription("Test"), new StandardRepresentation());

    assertThat(message).isEqualTo(format("[Test] %n"
        + "Expecting etcd to hold no key of namespace team-b within 300 ms, but it still holds 1:%n"
        + "  /registry/pods/team-b/web%n"
        + "Its writes in that window:%n"
        + "  ... 3 earlier writes%n"
        + "  rev 90 DELETE /registry/configmaps/team-b/settings"));
  }

  @Test
  void shouldEmptyNamespaceWithinSaysWhenNothingWasWritten() {
    String message = shouldEmptyNamespaceWithin("team-b", Duration.ofSeconds(1), List.of("/registry/pods/team-b/web"), List.of())
        .create(new TextDescription("Test"), new StandardRepresentation());

    assertThat(message).isEqualTo(format("[Test] %n"
        + "Expecting etcd to hold no key of namespace team-b within 1 s, but it still holds 1:%n"
        + "  /registry/pods/team-b/web%n"
        + "No write to it in that window."));
  }
}
