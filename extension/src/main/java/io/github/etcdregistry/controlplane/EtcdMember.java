package io.github.etcdregistry.controlplane;

import java.net.URI;

/**
 * One member of the control plane's etcd, to stop and start again in a test: with three members, kube-apiserver
 * keeps writing while one is down; with two down, the cluster has lost its quorum. Its data stays across a stop.
 */
public interface EtcdMember {

  /** {@code etcd} for a single member, {@code etcd-0}, {@code etcd-1}, ... in a cluster. */
  String name();

  /** Its client URL from this JVM (a container's published port may change across a restart). */
  URI clientUrl();

  /** Whether it runs: not after {@link #stop()}, nor after it exited on its own. */
  boolean isRunning();

  /** Stops it (SIGTERM, or {@code docker stop}) and keeps its data; a deliberate stop is no failure. Idempotent. */
  void stop();

  /** Starts it again on the same ports and data, and waits until it is healthy; nothing when it runs. */
  void start();
}
