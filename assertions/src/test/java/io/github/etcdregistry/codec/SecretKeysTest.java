package io.github.etcdregistry.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretKeysTest {

  @ParameterizedTest(name = "{0} holds Secret data: {1}")
  @CsvSource({
      "/registry/secrets/default/db-password, true",
      "/custom/prefix/secrets/default/db-password, true",
      "/registry/configmaps/secrets/settings, false", // a ConfigMap in namespace "secrets"
      "/registry/secrets-store/default/x, false",
      "/registry/namespaces/secrets, false",
      "/registry/pods/default/secrets, false"})
  void aSecretIsTheKeyWhoseResourceSegmentIsSecrets(String key, boolean secret) {
    assertThat(SecretKeys.holdsSecretData(key)).isEqualTo(secret);
  }
}
