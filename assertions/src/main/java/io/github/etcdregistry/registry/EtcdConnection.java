package io.github.etcdregistry.registry;

import io.etcd.jetcd.Client;
import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLException;

/** Dials etcd: a jetcd client for the endpoints, over TLS with the given CA and client certificate for https ones. */
final class EtcdConnection {

  private EtcdConnection() {}

  /** {@code clientCertificate} and {@code clientKey} may be null: etcd then sees no client certificate. */
  static Client connect(List<URI> endpoints, Path trustedCa, Path clientCertificate, Path clientKey, int maxInboundMessageSize) {
    var builder = Client.builder().endpoints(endpoints).maxInboundMessageSize(maxInboundMessageSize);
    boolean tls = endpoints.stream().anyMatch(uri -> "https".equals(uri.getScheme()));
    if (tls) {
      if (trustedCa == null) {
        throw new IllegalArgumentException("An https etcd endpoint needs trustedCa(etcd CA certificate), e.g. /etc/kubernetes/pki/etcd/ca.crt");
      }
      requireReadable(trustedCa, "trusted CA certificate");
      SslContextBuilder ssl = SslContextBuilder.forClient().trustManager(trustedCa.toFile());
      if (clientCertificate != null) {
        requireReadable(clientCertificate, "client certificate");
        requireReadable(clientKey, "client key");
        ssl.keyManager(clientCertificate.toFile(), clientKey.toFile());
      }
      try {
        builder.sslContext(GrpcSslContexts.configure(ssl).build());
      } catch (SSLException e) {
        throw new IllegalArgumentException("Could not read the TLS files for etcd: " + e.getMessage(), e);
      }
    }
    return builder.build();
  }

  private static void requireReadable(Path file, String what) {
    if (file == null || !Files.isReadable(file)) {
      throw new IllegalArgumentException("The " + what + " for etcd is not a readable file: " + file);
    }
  }
}
