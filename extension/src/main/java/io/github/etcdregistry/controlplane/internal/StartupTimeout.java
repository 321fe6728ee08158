package io.github.etcdregistry.controlplane.internal;

import java.time.Duration;

/**
 * How long a component may take to become ready, and the knob that set it — the one a "not ready in time"
 * message must name, since an annotation or code wins over a system property.
 */
public record StartupTimeout(Duration duration, String knob) {

  public String raiseIt() {
    return "raise it with " + knob;
  }
}
