package io.github.etcdregistry.controlplane.internal.kubernetes;

import io.github.etcdregistry.controlplane.internal.StartupTimeout;
import java.util.List;
import java.util.Optional;

/** kube-controller-manager against the control plane's kube-apiserver; a process or a container. */
public interface KubeControllerManager extends AutoCloseable {

  /** Starts and returns once its controllers act: the {@code default} ServiceAccount of namespace {@code default} exists. */
  void start(StartupTimeout timeout);

  List<String> flags();

  String recentLogs();

  /** Empty while it runs or after a deliberate stop; else how it ended, with its last log lines. */
  Optional<String> exitReport();

  @Override
  void close();
}
