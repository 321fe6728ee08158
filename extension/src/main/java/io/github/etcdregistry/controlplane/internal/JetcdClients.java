package io.github.etcdregistry.controlplane.internal;

import io.etcd.jetcd.Client;
import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.controlplane.ControlPlaneException;
import io.github.etcdregistry.pki.ClusterPki;
import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.SslContextBuilder;
import javax.net.ssl.SSLException;

/**
 * The jetcd {@link Client} a test may ask for. jetcd is an optional dependency: it pins Vert.x, Netty and gRPC
 * lines a user's build may not share, so the library carries its own copy relocated, and this class, loaded only
 * when a test asks for a {@code Client}, uses the user's.
 *
 * <p>Internal: public only for the JUnit extension; not part of the API.
 */
public final class JetcdClients {

  public static final String CLIENT_CLASS = "io.etcd.jetcd.Client";

  private JetcdClients() {
  }

  /** Whether the test classpath has jetcd of its own. */
  public static boolean available() {
    try {
      Class.forName(CLIENT_CLASS, false, JetcdClients.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** A client speaking mutual TLS to the control plane's etcd, with kube-apiserver's etcd client certificate. */
  public static Client connect(ControlPlane controlPlane) {
    ClusterPki pki = controlPlane.pki();
    try {
      SslContextBuilder ssl = SslContextBuilder.forClient()
          .trustManager(pki.etcdCaCert().toFile())
          .keyManager(pki.apiserverEtcdClientCert().toFile(), pki.apiserverEtcdClientKey().toFile());
      return Client.builder()
          .endpoints(controlPlane.etcdEndpoint())
          .sslContext(GrpcSslContexts.configure(ssl).build())
          .build();
    } catch (SSLException | LinkageError e) {
      throw new ControlPlaneException("Could not connect a jetcd client to " + controlPlane.etcdEndpoint()
          + ": " + e + ". It needs io.etcd:jetcd-core 0.8.6 or newer on the test classpath, with its own Netty 4.2.", e);
    }
  }
}
