package io.github.etcdregistry.assertions.error;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** The stored Pod is bound to another node than expected, to none yet, or the entry is no Pod. */
public class ShouldBeScheduledOn extends BasicErrorMessageFactory {

  public static ErrorMessageFactory shouldBeScheduledOn(String key, String kind, String expected, String actual) {
    if (!"Pod".equals(kind)) {
      return new ShouldBeScheduledOn("%nExpecting the object stored under:%n  %s%nto be a Pod scheduled on %s, but it is a %s",
          key, expected, unquotedString(kind));
    }
    if (actual == null) {
      return new ShouldBeScheduledOn("%nExpecting the Pod stored under:%n  %s%nto be scheduled on %s, but it is bound to no node"
          + " (spec.nodeName is not set): no node could take it yet, or nothing schedules Pods (@WithEtcdRegistry(nodes = ...))",
          key, expected);
    }
    return new ShouldBeScheduledOn("%nExpecting the Pod stored under:%n  %s%nto be scheduled on %s, but it is bound to %s", key,
        expected, actual);
  }

  private ShouldBeScheduledOn(String format, Object... arguments) {
    super(format, arguments);
  }
}
