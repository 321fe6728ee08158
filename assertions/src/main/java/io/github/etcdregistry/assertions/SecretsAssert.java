package io.github.etcdregistry.assertions;

import static io.github.etcdregistry.assertions.error.ShouldAllBeEncrypted.shouldAllBeEncrypted;
import static io.github.etcdregistry.assertions.error.ShouldAllBeEncrypted.shouldAllBeEncryptedWith;

import io.github.etcdregistry.audit.AuditReport;
import io.github.etcdregistry.audit.KeyAudit;
import io.github.etcdregistry.codec.EncryptionProvider;
import java.util.List;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on every Secret of a registry at once, read from an {@link AuditReport}: {@code
 * assertThatRegistry().secrets().allEncryptedWith("aescbc")}. Failures name the Secrets, never their data.
 */
public class SecretsAssert extends AbstractAssert<SecretsAssert, AuditReport> {

  public SecretsAssert(AuditReport actual) {
    super(actual, SecretsAssert.class);
  }

  /** Verifies that no Secret is stored in plain text. */
  public SecretsAssert allEncrypted() {
    isNotNull();
    List<KeyAudit> plain = actual.plainSecrets();
    if (!plain.isEmpty()) {
      throwAssertionError(shouldAllBeEncrypted(actual.secrets().size(), plain.stream().map(KeyAudit::key).toList()));
    }
    return myself;
  }

  /**
   * Verifies that every Secret is encrypted with {@code provider}: {@code aescbc}, {@code aesgcm}, {@code secretbox} or {@code kms}.
   *
   * @throws IllegalArgumentException when {@code provider} is none of them (a typo such as {@code "aesbc"})
   */
  public SecretsAssert allEncryptedWith(String provider) {
    if (provider == null || provider.isBlank()) {
      throw new IllegalArgumentException("Name a provider: aescbc, aesgcm, secretbox or kms");
    }
    return allEncryptedWith(EncryptionProvider.of(provider));
  }

  /** Verifies that every Secret is encrypted with {@code provider}. */
  public SecretsAssert allEncryptedWith(EncryptionProvider provider) {
    Objects.requireNonNull(provider, "provider");
    isNotNull();
    List<KeyAudit> others = actual.secretsNotEncryptedWith(provider.configName());
    if (!others.isEmpty()) {
      throwAssertionError(shouldAllBeEncryptedWith(provider.configName(), actual.secrets().size(),
          others.stream().map(key -> key.key() + " (" + (key.encryption().isPresent() ? key.encryptionLabel() : "plain text") + ")").toList()));
    }
    return myself;
  }
}
