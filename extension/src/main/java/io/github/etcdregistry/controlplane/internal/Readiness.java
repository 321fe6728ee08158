package io.github.etcdregistry.controlplane.internal;

import io.github.etcdregistry.controlplane.ControlPlaneException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Polls until a component is ready, it dies, or time runs out — whichever comes first. Polls often at
 * first (etcd answers within tens of milliseconds) and backs off to 50 ms.
 */
public final class Readiness {

  private Readiness() {}

  public static void await(String what, StartupTimeout timeout, BooleanSupplier ready, BooleanSupplier alive, Supplier<String> diagnostics) {
    long deadline = System.nanoTime() + timeout.duration().toNanos();
    long pause = 2;
    while (true) {
      if (ready.getAsBoolean()) {
        return;
      }
      if (!alive.getAsBoolean()) {
        throw new ControlPlaneException(what + " stopped before it was ready." + System.lineSeparator() + diagnostics.get());
      }
      if (System.nanoTime() > deadline) {
        throw new ControlPlaneException(what + " was not ready within " + timeout.duration().toMillis() + " ms ("
            + timeout.raiseIt() + ")." + System.lineSeparator() + diagnostics.get());
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ControlPlaneException("Interrupted while waiting for " + what, e);
      }
      pause = Math.min(50, pause * 2);
    }
  }
}
