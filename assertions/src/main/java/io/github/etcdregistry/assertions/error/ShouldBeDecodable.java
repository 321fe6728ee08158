package io.github.etcdregistry.assertions.error;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** A value could not be decoded into a Kubernetes object; the reason already names key and first bytes. */
public class ShouldBeDecodable extends BasicErrorMessageFactory {

  public static ErrorMessageFactory shouldBeDecodable(String key, String reason) {
    return new ShouldBeDecodable("%nExpecting the value of:%n  %s%nto decode into a Kubernetes object but:%n  %s", key, unquotedString(reason));
  }

  public static ErrorMessageFactory shouldDecodeAs(String key, String type, String reason) {
    return new ShouldBeDecodable("%nExpecting the object stored under:%n  %s%nto read as %s but:%n  %s", key, unquotedString(type), unquotedString(reason));
  }

  private ShouldBeDecodable(String format, Object... arguments) {
    super(format, arguments);
  }
}
