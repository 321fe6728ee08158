package io.github.etcdregistry.controlplane;

import java.time.Duration;

/**
 * How long a component may take to become ready, and the knob that set it — the one a "not ready in time"
 * message must name, since an annotation or code wins over a system property.
 */
record StartupTimeout(Duration duration, String knob) {

  String raiseIt() {
    return "raise it with " + knob;
  }
}
