package io.github.etcdregistry.assertions.error;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** etcd's bookkeeping of a key differs: create revision, mod revision or version (number of writes). */
public class ShouldHaveRevision extends BasicErrorMessageFactory {

  public static ErrorMessageFactory shouldHaveRevision(String key, String which, long expected, long actual) {
    return new ShouldHaveRevision("%nExpecting %s of:%n  %s%nto be %s but was %s", unquotedString(which), key, unquotedString(String.valueOf(expected)), unquotedString(String.valueOf(actual)));
  }

  private ShouldHaveRevision(String format, Object... arguments) {
    super(format, arguments);
  }
}
