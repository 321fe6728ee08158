package io.github.etcdregistry.assertions.error;

import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** No value was expected above a size; lists the keys that are, largest first. */
public class ShouldNotHaveLargeValues extends BasicErrorMessageFactory {

  /** {@code offenders} read like {@code /registry/configmaps/default/big: 2097251 bytes}. */
  public static ErrorMessageFactory shouldNotHaveValuesLargerThan(long limit, List<String> offenders) {
    return new ShouldNotHaveLargeValues("%nExpecting no value in etcd larger than %s bytes but %s:%n%s"
        + "%n(etcd refuses requests over 1.5 MiB by default: --max-request-bytes=1572864)",
        unquotedString(String.valueOf(limit)), unquotedString(offenders.size() == 1 ? "1 is" : offenders.size() + " are"), unquotedString(Lines.indented(offenders)));
  }

  private ShouldNotHaveLargeValues(String format, Object... arguments) {
    super(format, arguments);
  }
}
