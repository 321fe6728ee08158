package io.github.etcdregistry.cli;

import io.github.etcdregistry.registry.EtcdRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How to reach etcd, spelled like etcdctl: the same flags, and the same {@code ETCDCTL_*} variables as defaults. */
final class Connection {

  @Option(names = "--endpoints", split = ",", paramLabel = "URL",
      defaultValue = "${env:ETCDCTL_ENDPOINTS:-127.0.0.1:2379}",
      description = "etcd client URLs, comma separated (env ETCDCTL_ENDPOINTS; default: ${DEFAULT-VALUE})")
  List<String> endpoints = new ArrayList<>();

  @Option(names = "--cacert", paramLabel = "FILE", defaultValue = "${env:ETCDCTL_CACERT}",
      description = "CA of etcd's serving certificate, e.g. /etc/kubernetes/pki/etcd/ca.crt (env ETCDCTL_CACERT)")
  Path cacert;

  @Option(names = "--cert", paramLabel = "FILE", defaultValue = "${env:ETCDCTL_CERT}",
      description = "client certificate, e.g. /etc/kubernetes/pki/apiserver-etcd-client.crt (env ETCDCTL_CERT)")
  Path cert;

  @Option(names = "--key", paramLabel = "FILE", defaultValue = "${env:ETCDCTL_KEY}",
      description = "client key, e.g. /etc/kubernetes/pki/apiserver-etcd-client.key (env ETCDCTL_KEY)")
  Path key;

  @Mixin
  Decoding decoding = new Decoding();

  EtcdRegistry connect() {
    EtcdRegistry.Builder builder = EtcdRegistry.builder().prefix(decoding.prefix).encryptionKeys(decoding.keys());
    for (String endpoint : endpoints) {
      builder.endpoints(url(endpoint.trim()));
    }
    if (cacert != null) {
      builder.trustedCa(cacert);
    }
    if (cert != null || key != null) {
      if (cert == null || key == null) {
        throw new IllegalArgumentException("Give both --cert and --key (or ETCDCTL_CERT and ETCDCTL_KEY), not only one");
      }
      builder.clientCertificate(cert, key);
    }
    return builder.build();
  }

  /** Like etcdctl, {@code host:port} is TLS when a CA is given and plain HTTP otherwise. */
  private String url(String endpoint) {
    if (endpoint.contains("://")) {
      return endpoint;
    }
    return (cacert != null ? "https://" : "http://") + endpoint;
  }
}
