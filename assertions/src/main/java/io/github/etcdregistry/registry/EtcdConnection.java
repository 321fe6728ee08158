package io.github.etcdregistry.registry;

import io.etcd.jetcd.Client;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Dials etcd: a jetcd client for the endpoints, over TLS with the given CA and client certificate for https ones. */
final class EtcdConnection {

  /**
   * Where the shade plugin moves gRPC, Netty and protobuf. gRPC logs through java.util.logging at INFO (which epoll it
   * found); the user's stderr is theirs, so the moved libraries say only warnings unless configured otherwise. Held
   * here, since java.util.logging keeps its loggers weakly.
   */
  private static final Logger RELOCATED = Logger.getLogger("io.github.etcdregistry.internal.shaded");

  private EtcdConnection() {}

  /** The client and what names a failure to reach its endpoints. */
  record Dialled(Client client, EtcdProbe probe) {}

  /** {@code clientCertificate} and {@code clientKey} may be null: etcd then sees no client certificate. */
  static Dialled connect(List<URI> endpoints, Path trustedCa, Path clientCertificate, Path clientKey, int maxInboundMessageSize,
      Duration connectTimeout) {
    quietRelocatedLibraries();
    var builder = Client.builder().endpoints(endpoints).maxInboundMessageSize(maxInboundMessageSize).connectTimeout(connectTimeout);
    ClientTls tls = null;
    if (endpoints.stream().anyMatch(uri -> "https".equals(uri.getScheme()))) {
      tls = ClientTls.read(trustedCa, clientCertificate, clientKey);
      builder.sslContext(tls.grpcContext());
    }
    return new Dialled(builder.build(), new EtcdProbe(endpoints, tls, connectTimeout));
  }

  private static synchronized void quietRelocatedLibraries() {
    if (RELOCATED.getLevel() == null) { // a level from the user's logging configuration stays
      RELOCATED.setLevel(Level.WARNING);
    }
  }
}
