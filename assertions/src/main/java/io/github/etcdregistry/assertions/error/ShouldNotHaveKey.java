package io.github.etcdregistry.assertions.error;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** A key was expected to be absent from etcd and is there. */
public class ShouldNotHaveKey extends BasicErrorMessageFactory {

  public static ErrorMessageFactory shouldNotHaveKey(String key, String entry) {
    return new ShouldNotHaveKey("%nExpecting etcd not to have key:%n  %s%nbut it holds:%n  %s", key, unquotedString(entry));
  }

  private ShouldNotHaveKey(String format, Object... arguments) {
    super(format, arguments);
  }
}
