package io.github.etcdregistry.assertions.error;

import static io.github.etcdregistry.assertions.error.ShouldBeEncrypted.shouldBeEncrypted;
import static io.github.etcdregistry.assertions.error.ShouldBeEncrypted.shouldBeEncryptedWith;
import static io.github.etcdregistry.assertions.error.ShouldBeEncrypted.shouldBeEncryptedWithKey;
import static io.github.etcdregistry.assertions.error.ShouldBeEncrypted.shouldNotBeEncrypted;
import static java.lang.String.format;
import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.description.TextDescription;
import org.assertj.core.presentation.StandardRepresentation;
import org.junit.jupiter.api.Test;

class ShouldBeEncrypted_create_Test {

  private static final String KEY = "/registry/secrets/default/db-password";

  @Test
  void shouldBeEncryptedAsksAboutTheEncryptionConfig() {
    String message = shouldBeEncrypted(KEY, "protobuf").create(new TextDescription("Test"), new StandardRepresentation());

    assertThat(message).isEqualTo(format("[Test] %n"
        + "Expecting the value of:%n"
        + "  \"/registry/secrets/default/db-password\"%n"
        + "to be encrypted at rest but it is stored in plain text (protobuf).%n"
        + "Is kube-apiserver started with --encryption-provider-config covering this resource?"));
  }

  @Test
  void shouldBeEncryptedWithSaysWhatItIsInstead() {
    String message = shouldBeEncryptedWith(KEY, "secretbox", "encrypted with aescbc key \"key1\"")
        .create(new TextDescription("Test"), new StandardRepresentation());

    assertThat(message).isEqualTo(format("[Test] %n"
        + "Expecting the value of:%n"
        + "  \"/registry/secrets/default/db-password\"%n"
        + "to be encrypted with secretbox but it is encrypted with aescbc key \"key1\""));
  }

  @Test
  void shouldBeEncryptedWithKeyShowsThePrefix() {
    String message = shouldBeEncryptedWithKey(KEY, "key2", "aescbc key \"key1\"")
        .create(new TextDescription("Test"), new StandardRepresentation());

    assertThat(message).isEqualTo(format("[Test] %n"
        + "Expecting the value of:%n"
        + "  \"/registry/secrets/default/db-password\"%n"
        + "to be encrypted with key \"key2\" but its prefix is:%n"
        + "  aescbc key \"key1\""));
  }

  @Test
  void shouldNotBeEncryptedShowsThePrefix() {
    String message = shouldNotBeEncrypted(KEY, "kms v2 plugin \"vault\"").create(new TextDescription("Test"), new StandardRepresentation());

    assertThat(message).isEqualTo(format("[Test] %n"
        + "Expecting the value of:%n"
        + "  \"/registry/secrets/default/db-password\"%n"
        + "to be stored in plain text but it is encrypted:%n"
        + "  kms v2 plugin \"vault\""));
  }
}
