package io.github.etcdregistry.controlplane;

import io.github.etcdregistry.pki.ClusterPki;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.testcontainers.containers.Network;
import org.testcontainers.utility.DockerImageName;

/** etcd in a container on the control plane's network, reachable as {@code etcd:2379} there. */
final class ContainerEtcd implements EtcdServer {

  static final String ALIAS = "etcd";
  private static final String BINARY = "/usr/local/bin/etcd";

  private final ComponentContainer container;
  private final HttpsWaitStrategy readiness;

  ContainerEtcd(DockerImageName image, ClusterPki pki, Network network, HttpsProbe probe, String controlPlaneId, String publishAddress) {
    List<String> flags = EtcdFlags.of("/var/lib/etcd", "0.0.0.0", ALIAS, EtcdFlags.CLIENT_PORT, EtcdFlags.PEER_PORT, PkiPaths.inContainer());
    this.container = new ComponentContainer(image, BINARY, flags, network, ALIAS, EtcdFlags.CLIENT_PORT, controlPlaneId, publishAddress)
        .withPkiFiles(pki, pki.etcdCaCert(), pki.etcdServerCert(), pki.etcdServerKey())
        .withTmpFs(Map.of("/var/lib/etcd", "rw,mode=700"))
        .waitingFor(this.readiness = new HttpsWaitStrategy(EtcdFlags.CLIENT_PORT, url -> EtcdFlags.healthy(probe, url), () -> true,
            () -> "Started as: etcd " + String.join(" ", flags)));
  }

  @Override
  public void start(StartupTimeout timeout) {
    readiness.withTimeoutKnob(timeout.knob());
    container.withStartupTimeout(timeout.duration());
    container.startOrExplain("etcd", Settings.ETCD_IMAGE);
  }

  @Override
  public URI clientUrl() {
    return URI.create("https://" + container.getHost() + ":" + container.getMappedPort(EtcdFlags.CLIENT_PORT));
  }

  @Override
  public URI clientUrlForApiServer() {
    return URI.create("https://" + ALIAS + ":" + EtcdFlags.CLIENT_PORT);
  }

  @Override
  public String recentLogs() {
    return container.recentLogs(50);
  }

  @Override
  public java.util.Optional<String> exitReport() {
    return container.exitReport("etcd");
  }

  @Override
  public void close() {
    container.stopDeliberately();
  }

  @Override
  public String toString() {
    return "etcd container " + container.image();
  }
}
