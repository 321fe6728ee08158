package io.github.etcdregistry.assertions;

import org.assertj.core.api.AbstractSoftAssertions;

/**
 * Collects every failed registry assertion and reports them together:
 *
 * <pre>{@code
 * RegistrySoftAssertions softly = new RegistrySoftAssertions();
 * softly.assertThatRegistry(registry).hasSecret("default", "db").isEncryptedWith("aescbc");
 * softly.assertThatRegistry(registry).hasConfigMap("default", "settings").isNotEncrypted();
 * softly.assertAll();
 * }</pre>
 *
 * A missing key is one failure; the checks chained after it are skipped rather than reported again. To collect them
 * in AssertJ's own {@code SoftAssertions} instead, implement {@link RegistrySoftAssertionsProvider}.
 */
public class RegistrySoftAssertions extends AbstractSoftAssertions implements RegistrySoftAssertionsProvider {
}
