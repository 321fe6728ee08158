package io.github.etcdregistry.assertions.error;

import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** A recording was expected to hold no write under a prefix; lists the writes it holds there. */
public class ShouldHaveNoWrites extends BasicErrorMessageFactory {

  public static ErrorMessageFactory shouldHaveNoWritesUnder(String keyPrefix, List<String> writes) {
    return new ShouldHaveNoWrites("%nExpecting no write under:%n  %s%nbut the recording holds %s:%n%s",
        keyPrefix, writes.size(), unquotedString(Lines.indented(writes)));
  }

  private ShouldHaveNoWrites(String format, Object... arguments) {
    super(format, arguments);
  }
}
