package io.github.etcdregistry.controlplane.internal;

import io.github.etcdregistry.controlplane.ControlPlaneException;
import io.github.etcdregistry.internal.Poll;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Polls until a component is ready, it dies, or time runs out — whichever comes first. Polls often at
 * first (etcd answers within tens of milliseconds) and backs off to 50 ms.
 */
public final class Readiness {

  private Readiness() {}

  public static void await(String what, StartupTimeout timeout, BooleanSupplier ready, BooleanSupplier alive, Supplier<String> diagnostics) {
    Poll.Outcome outcome = Poll.atMost(timeout.duration()).every(Duration.ofMillis(50)).backingOffFrom(Duration.ofMillis(2))
        .giveUpWhen(() -> !alive.getAsBoolean()).until(ready).outcome();
    switch (outcome) {
      case MET -> { }
      case GAVE_UP -> throw new ControlPlaneException(what + " stopped before it was ready." + System.lineSeparator() + diagnostics.get());
      case TIMED_OUT -> throw new ControlPlaneException(what + " was not ready within " + timeout.duration().toMillis() + " ms ("
          + timeout.raiseIt() + ")." + System.lineSeparator() + diagnostics.get());
      case INTERRUPTED -> throw new ControlPlaneException("Interrupted while waiting for " + what);
    }
  }
}
