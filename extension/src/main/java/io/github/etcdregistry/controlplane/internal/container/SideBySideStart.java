package io.github.etcdregistry.controlplane.internal.container;

import io.github.etcdregistry.controlplane.internal.StartupTimeout;
import io.github.etcdregistry.controlplane.internal.etcd.EtcdServer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * etcd starting on another thread while kube-apiserver starts on this one: kube-apiserver spends its own start-up
 * while etcd gets ready, and stops waiting at once when etcd fails. When both fail, etcd's failure is the cause
 * worth reading.
 */
public final class SideBySideStart {

  private SideBySideStart() {}

  /**
   * Starts both and returns once etcd is ready: empty when kube-apiserver is ready too, else kube-apiserver's failure.
   * A failed etcd is thrown, with kube-apiserver's failure suppressed in it.
   */
  public static Optional<RuntimeException> start(EtcdServer etcd, Consumer<BooleanSupplier> startKubeApiServer, StartupTimeout timeout) {
    CompletableFuture<Void> etcdStarted = CompletableFuture.runAsync(() -> etcd.start(timeout));
    RuntimeException apiServerFailure = null;
    try {
      startKubeApiServer.accept(() -> !etcdStarted.isCompletedExceptionally());
    } catch (RuntimeException e) {
      apiServerFailure = e;
    }
    try {
      etcdStarted.join();
    } catch (CompletionException etcdFailure) {
      if (apiServerFailure != null) {
        etcdFailure.getCause().addSuppressed(apiServerFailure);
      }
      throw (RuntimeException) etcdFailure.getCause();
    }
    return Optional.ofNullable(apiServerFailure);
  }
}
