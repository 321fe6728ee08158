package io.github.etcdregistry.controlplane.internal.kubernetes;

import io.github.etcdregistry.controlplane.internal.StartupTimeout;
import java.util.List;
import java.util.Optional;

/**
 * A component that works through kube-apiserver as one of its clients, with the admin's kubeconfig:
 * kube-controller-manager, kube-scheduler, kwok. A process or a container; started after kube-apiserver, stopped before it.
 */
public interface ApiClientComponent extends AutoCloseable {

  /** Starts and returns once it is at work (kube-controller-manager: the {@code default} ServiceAccount of {@code default} exists). */
  void start(StartupTimeout timeout);

  List<String> flags();

  String recentLogs();

  /** Empty while it runs or after a deliberate stop; else how it ended, with its last log lines. */
  Optional<String> exitReport();

  @Override
  void close();
}
