package io.github.etcdregistry.controlplane;

import java.util.Locale;

/** How the control plane runs. */
public enum Backend {
  /** Containers when a Docker engine answers, else local processes when binaries are configured. */
  AUTO,
  /** Containers through Testcontainers, on a private Docker network. */
  CONTAINER,
  /** Local processes on 127.0.0.1, from configured binaries. */
  PROCESS,
  /**
   * A cluster that already runs, named by {@code etcdregistry.existing.*} settings (its kubeconfig, etcd's endpoints
   * and client certificate): nothing is started or stopped. {@code AUTO} picks it when
   * {@code etcdregistry.existing.kubeconfig} is set.
   */
  EXISTING;

  /** Parses {@code auto}, {@code container} or {@code process}, in any case. */
  public static Backend parse(String value, String source) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + " is '" + value + "'; it must be one of auto, container, process, existing");
    }
  }
}
