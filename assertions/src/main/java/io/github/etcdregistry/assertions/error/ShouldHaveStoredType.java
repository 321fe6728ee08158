package io.github.etcdregistry.assertions.error;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** The stored apiVersion or kind differs from the expected one. */
public class ShouldHaveStoredType extends BasicErrorMessageFactory {

  public static ErrorMessageFactory shouldHaveStoredType(String key, String what, String expected, String actual) {
    return new ShouldHaveStoredType("%nExpecting the object stored under:%n  %s%nto have %s %s but it has %s", key, unquotedString(what), expected, actual);
  }

  private ShouldHaveStoredType(String format, Object... arguments) {
    super(format, arguments);
  }
}
