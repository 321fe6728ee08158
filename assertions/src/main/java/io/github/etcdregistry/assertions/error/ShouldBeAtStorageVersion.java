package io.github.etcdregistry.assertions.error;

import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Objects were expected at their resource's storage version; lists the ones that are not. */
public class ShouldBeAtStorageVersion extends BasicErrorMessageFactory {

  /** {@code offenders} read like {@code /registry/horizontalpodautoscalers/default/web: autoscaling/v1, storage version autoscaling/v2}. */
  public static ErrorMessageFactory shouldAllBeAtStorageVersion(int total, List<String> offenders, String table) {
    return new ShouldBeAtStorageVersion("%nExpecting all %s objects to be stored at their resource's storage version (%s) but %s not:%n%s"
        + "%nRewrite them (a storage version migration, or read and replace each object) before the old version is removed.",
        total, unquotedString(table), unquotedString(offenders.size() == 1 ? "1 is" : offenders.size() + " are"),
        unquotedString(Lines.indented(offenders)));
  }

  private ShouldBeAtStorageVersion(String format, Object... arguments) {
    super(format, arguments);
  }
}
