package io.github.etcdregistry.assertions.error;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** No value was expected above a size; lists the keys that are, largest first, the first {@value #LISTED} of them. */
public class ShouldNotHaveLargeValues extends BasicErrorMessageFactory {

  /** Enough to see what is large; a whole registry of offenders would bury the message. */
  static final int LISTED = 10;

  /** {@code sizes}: each offending key's value size in bytes, largest first. */
  public static ErrorMessageFactory shouldNotHaveValuesLargerThan(long limit, Map<String, Long> sizes) {
    List<String> listed = new ArrayList<>();
    sizes.entrySet().stream().limit(LISTED).forEach(entry -> listed.add(entry.getKey() + ": " + size(entry.getValue())));
    if (sizes.size() > LISTED) {
      listed.add("… and " + (sizes.size() - LISTED) + " more");
    }
    return new ShouldNotHaveLargeValues("%nExpecting no value in etcd larger than %s but %s:%n%s"
        + "%n(etcd refuses requests over 1.5 MiB by default: --max-request-bytes=1572864)",
        unquotedString(size(limit)), unquotedString(sizes.size() == 1 ? "1 is" : sizes.size() + " are"), unquotedString(Lines.indented(listed)));
  }

  /** Exact bytes, as etcd's flags count them, and from a KiB on the size a reader takes in at a glance. */
  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    String unit = bytes < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0)
        : String.format(Locale.ROOT, "%.2f MiB", bytes / (1024.0 * 1024));
    return bytes + " bytes (" + unit + ")";
  }

  private ShouldNotHaveLargeValues(String format, Object... arguments) {
    super(format, arguments);
  }
}
