package io.github.etcdregistry.controlplane.internal.etcd;

import io.github.etcdregistry.controlplane.internal.StartupTimeout;
import java.time.Duration;

/** An etcd member the control plane can stop and start again, keeping its data. */
public interface RestartableEtcd extends EtcdServer {

  String name();

  boolean isRunning();

  /**
   * How long {@link #stop()} lets a member end on SIGTERM before SIGKILL. etcd ends in milliseconds when no client
   * holds a stream open; kube-apiserver's watches keep it waiting for them up to its request timeout (5 s plus two
   * election timeouts, fixed in etcd), so with kube-apiserver the stop ends as a crash would, and etcd starts again
   * from its write-ahead log with all its data.
   */
  Duration STOP_GRACE = Duration.ofMillis(250);

  /** Stops it and keeps its data: SIGTERM, then SIGKILL after {@link #STOP_GRACE}; from now on its end is no failure. */
  void stop();

  /** Starts it again as it was configured, and waits until it is healthy. */
  void restart(StartupTimeout timeout);
}
