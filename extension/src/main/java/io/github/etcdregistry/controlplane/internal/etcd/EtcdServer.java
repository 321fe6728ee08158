package io.github.etcdregistry.controlplane.internal.etcd;

import io.github.etcdregistry.controlplane.internal.StartupTimeout;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/** One etcd member serving clients over mutual TLS only; a process or a container. */
public interface EtcdServer extends AutoCloseable {

  /** Starts and returns once etcd reports healthy to a client presenting a certificate. */
  void start(StartupTimeout timeout);

  /** The client URL as seen from this JVM. */
  URI clientUrl();

  /** The client URL as seen from kube-apiserver (a network alias for containers). */
  URI clientUrlForApiServer();

  /** Every member's client URL from this JVM: the registry reads from any healthy one. */
  default List<URI> clientUrls() {
    return List.of(clientUrl());
  }

  /** kube-apiserver's {@code --etcd-servers}: every member, comma-separated. */
  default String etcdServersForApiServer() {
    return clientUrlForApiServer().toString();
  }

  /** The last lines etcd logged, for failure messages. */
  String recentLogs();

  /** Empty while it runs or after a deliberate stop; else how it ended, with its last log lines. */
  Optional<String> exitReport();

  @Override
  void close();
}
