package io.github.etcdregistry.assertions.error;

import java.time.Duration;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** A {@code within(timeout)} wait ran out; shows what the watched keys went through in that window. */
public class ShouldHappenWithin extends BasicErrorMessageFactory {

  public static ErrorMessageFactory shouldAppearWithin(String key, String describedAs, Duration timeout, String searchedUnder, List<String> nearest) {
    return new ShouldHappenWithin("%nExpecting etcd to have key within %s:%n  %s%n(%s)%nbut no write created it. Nearest keys under %s:%n%s",
        unquotedString(seconds(timeout)), key, unquotedString(describedAs), unquotedString(searchedUnder),
        unquotedString(nearest.isEmpty() ? "  (none)" : Lines.indented(nearest)));
  }

  public static ErrorMessageFactory shouldDisappearWithin(String key, Duration timeout, String entry, List<String> history) {
    return new ShouldHappenWithin("%nExpecting etcd to delete key within %s:%n  %s%nbut it still holds:%n  %s%n%s",
        unquotedString(seconds(timeout)), key, unquotedString(entry), unquotedString(history(history)));
  }

  public static ErrorMessageFactory shouldSatisfyWithin(String key, Duration timeout, String lastFailure, List<String> history) {
    return new ShouldHappenWithin("%nExpecting key:%n  %s%nto satisfy the assertion within %s, but its last version still fails:%s%n%s",
        key, unquotedString(seconds(timeout)), unquotedString(lastFailure), unquotedString(history(history)));
  }

  public static ErrorMessageFactory shouldEmptyNamespaceWithin(String namespace, Duration timeout, List<String> remaining, List<String> history) {
    if (timeout == null) {
      return new ShouldHappenWithin("%nExpecting etcd to hold no key of namespace %s, but it still holds %s:%n%s",
          unquotedString(namespace), remaining.size(), unquotedString(Lines.indented(remaining)));
    }
    return new ShouldHappenWithin("%nExpecting etcd to hold no key of namespace %s within %s, but it still holds %s:%n%s%n%s",
        unquotedString(namespace), unquotedString(seconds(timeout)), remaining.size(), unquotedString(Lines.indented(remaining)),
        unquotedString(history(history)));
  }

  private static String history(List<String> history) {
    return history.isEmpty() ? "No write to it in that window." : "Its writes in that window:" + System.lineSeparator() + Lines.indented(history);
  }

  private static String seconds(Duration timeout) {
    return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
  }

  private ShouldHappenWithin(String format, Object... arguments) {
    super(format, arguments);
  }
}
