package io.github.etcdregistry.controlplane.internal.etcd;

import io.github.etcdregistry.controlplane.internal.StartupTimeout;

/** An etcd member the control plane can stop and start again, keeping its data. */
public interface RestartableEtcd extends EtcdServer {

  String name();

  boolean isRunning();

  /** Stops it and keeps its data; from now on its end is no failure. */
  void stop();

  /** Starts it again as it was configured, and waits until it is healthy. */
  void restart(StartupTimeout timeout);
}
