package io.github.etcdregistry.controlplane.internal.kubernetes;

import io.github.etcdregistry.controlplane.internal.StartupTimeout;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/** kube-apiserver wired to etcd over mutual TLS; a process or a container. */
public interface KubeApiServer extends AutoCloseable {

  /** Starts and returns once {@code /readyz} answers ok to the admin and namespace {@code default} exists. */
  void start(StartupTimeout timeout);

  /** The secure URL as seen from this JVM. */
  URI url();

  /** The flags it was started with, for failure messages and for people reproducing a run. */
  List<String> flags();

  String recentLogs();

  /** Empty while it runs or after a deliberate stop; else how it ended, with its last log lines. */
  Optional<String> exitReport();

  @Override
  void close();
}
