package io.github.etcdregistry.assertions.error;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** A value was expected in one storage encoding and is in another; shows the first bytes. */
public class ShouldHaveEncoding extends BasicErrorMessageFactory {

  public static ErrorMessageFactory shouldHaveEncoding(String key, String expected, String actual, String firstBytes) {
    return new ShouldHaveEncoding("%nExpecting the value of:%n  %s%nto be stored as %s but it is stored as %s; first bytes:%n  %s",
        key, unquotedString(expected), unquotedString(actual), unquotedString(firstBytes));
  }

  private ShouldHaveEncoding(String format, Object... arguments) {
    super(format, arguments);
  }
}
