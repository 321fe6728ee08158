package io.github.etcdregistry.controlplane.internal;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Knows whether every component of a started control plane still runs, so that a test whose etcd or
 * kube-apiserver died fails at once with how it ended, instead of waiting out timeouts and retries. A process
 * answers at no cost; a container costs a Docker inspect, so checks are at most every {@value #RECHECK_MILLIS} ms.
 * The first failure sticks.
 */
public final class ComponentWatch {

  private static final long RECHECK_MILLIS = 250;

  /** The components of interest now (kube-apiserver is replaced when encryption is reconfigured). */
  private final Supplier<List<Optional<String>>> exitReports;
  private volatile String failure;
  private volatile long lastCheck;

  public ComponentWatch(Supplier<List<Optional<String>>> exitReports) {
    this.exitReports = exitReports;
    this.lastCheck = System.nanoTime() - RECHECK_MILLIS * 1_000_000;
  }

  /** How a control plane that lost a component says so. */
  public static String brokenMessage(String failure) {
    return "The control plane is broken: " + failure;
  }

  /** Empty while all run; else how the first one to end did. */
  public Optional<String> failure() {
    if (failure != null) {
      return Optional.of(failure);
    }
    long now = System.nanoTime();
    if (now - lastCheck < RECHECK_MILLIS * 1_000_000) {
      return Optional.empty();
    }
    synchronized (this) {
      if (failure == null && now - lastCheck >= RECHECK_MILLIS * 1_000_000) {
        failure = exitReports.get().stream().flatMap(Optional::stream).findFirst().orElse(null);
        lastCheck = System.nanoTime();
      }
    }
    return Optional.ofNullable(failure);
  }
}
