package io.github.etcdregistry.assertions.error;

import static io.github.etcdregistry.assertions.error.ShouldAllBeEncrypted.shouldAllBeEncrypted;
import static io.github.etcdregistry.assertions.error.ShouldAllBeEncrypted.shouldAllBeEncryptedWith;
import static java.lang.String.format;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.description.TextDescription;
import org.assertj.core.presentation.StandardRepresentation;
import org.junit.jupiter.api.Test;

class ShouldAllBeEncrypted_create_Test {

  @Test
  void shouldAllBeEncryptedListsThePlainSecretsAndHowToRewriteThem() {
    String message = shouldAllBeEncrypted(3, List.of("/registry/secrets/default/a", "/registry/secrets/default/b"))
        .create(new TextDescription("Test"), new StandardRepresentation());

    assertThat(message).isEqualTo(format("[Test] %n"
        + "Expecting all 3 Secrets to be encrypted at rest but 2 are stored in plain text:%n"
        + "  /registry/secrets/default/a%n"
        + "  /registry/secrets/default/b%n"
        + "Secrets written before encryption was turned on stay plain until rewritten:%n"
        + "  kubectl get secrets --all-namespaces -o json | kubectl replace -f -"));
  }

  @Test
  void shouldAllBeEncryptedSaysIsForOneSecret() {
    String message = shouldAllBeEncrypted(3, List.of("/registry/secrets/default/a"))
        .create(new TextDescription("Test"), new StandardRepresentation());

    assertThat(message).isEqualTo(format("[Test] %n"
        + "Expecting all 3 Secrets to be encrypted at rest but 1 is stored in plain text:%n"
        + "  /registry/secrets/default/a%n"
        + "Secrets written before encryption was turned on stay plain until rewritten:%n"
        + "  kubectl get secrets --all-namespaces -o json | kubectl replace -f -"));
  }

  @Test
  void shouldAllBeEncryptedWithListsTheOthersAndWhatTheyAre() {
    String message = shouldAllBeEncryptedWith("secretbox", 4,
        List.of("/registry/secrets/default/a (plain text)", "/registry/secrets/default/b (aescbc key \"key1\")"))
        .create(new TextDescription("Test"), new StandardRepresentation());

    assertThat(message).isEqualTo(format("[Test] %n"
        + "Expecting all 4 Secrets to be encrypted with secretbox but 2 are not:%n"
        + "  /registry/secrets/default/a (plain text)%n"
        + "  /registry/secrets/default/b (aescbc key \"key1\")"));
  }

  @Test
  void shouldAllBeEncryptedWithSaysIsForOneSecret() {
    String message = shouldAllBeEncryptedWith("aesgcm", 4, List.of("/registry/secrets/default/a (plain text)"))
        .create(new TextDescription("Test"), new StandardRepresentation());

    assertThat(message).isEqualTo(format("[Test] %n"
        + "Expecting all 4 Secrets to be encrypted with aesgcm but 1 is not:%n"
        + "  /registry/secrets/default/a (plain text)"));
  }
}
