package io.github.etcdregistry.assertions.error;

import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** A key was expected in etcd and is not there; shows the keys that are, nearest first. */
public class ShouldHaveKey extends BasicErrorMessageFactory {

  public static ErrorMessageFactory shouldHaveKey(String key, String describedAs, String searchedUnder, List<String> nearest) {
    if (nearest.isEmpty()) {
      return new ShouldHaveKey("%nExpecting etcd to have key:%n  %s%n(%s)%nbut nothing is stored under %s", key, unquotedString(describedAs), unquotedString(searchedUnder));
    }
    return new ShouldHaveKey("%nExpecting etcd to have key:%n  %s%n(%s)%nbut it is not there. Nearest keys under %s:%n%s",
        key, unquotedString(describedAs), unquotedString(searchedUnder), unquotedString(Lines.indented(nearest)));
  }

  private ShouldHaveKey(String format, Object... arguments) {
    super(format, arguments);
  }
}
