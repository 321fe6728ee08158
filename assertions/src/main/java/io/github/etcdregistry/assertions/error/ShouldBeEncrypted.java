package io.github.etcdregistry.assertions.error;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Failures about encryption at rest. Only the prefix and encoding are shown, never the value. */
public class ShouldBeEncrypted extends BasicErrorMessageFactory {

  /** Expected encrypted, found plain text. */
  public static ErrorMessageFactory shouldBeEncrypted(String key, String encoding) {
    return new ShouldBeEncrypted("%nExpecting the value of:%n  %s%nto be encrypted at rest but it is stored in plain text (%s)."
        + "%nIs kube-apiserver started with --encryption-provider-config covering this resource?", key, unquotedString(encoding));
  }

  /** Expected one provider, found another (or none). */
  public static ErrorMessageFactory shouldBeEncryptedWith(String key, String expectedProvider, String actual) {
    return new ShouldBeEncrypted("%nExpecting the value of:%n  %s%nto be encrypted with %s but it is %s", key, unquotedString(expectedProvider), unquotedString(actual));
  }

  /** Expected one key name, found another. */
  public static ErrorMessageFactory shouldBeEncryptedWithKey(String key, String expectedKeyName, String actualPrefix) {
    return new ShouldBeEncrypted("%nExpecting the value of:%n  %s%nto be encrypted with key %s but its prefix is:%n  %s",
        key, expectedKeyName, unquotedString(actualPrefix));
  }

  /** Expected plain text, found encrypted. */
  public static ErrorMessageFactory shouldNotBeEncrypted(String key, String actualPrefix) {
    return new ShouldBeEncrypted("%nExpecting the value of:%n  %s%nto be stored in plain text but it is encrypted:%n  %s", key, unquotedString(actualPrefix));
  }

  private ShouldBeEncrypted(String format, Object... arguments) {
    super(format, arguments);
  }
}
