package io.github.etcdregistry.controlplane.internal.container;

import io.github.etcdregistry.controlplane.Setting;
import io.github.etcdregistry.controlplane.internal.HttpsProbe;
import io.github.etcdregistry.controlplane.internal.PkiPaths;
import io.github.etcdregistry.controlplane.internal.Readiness;
import io.github.etcdregistry.controlplane.internal.StartupTimeout;
import io.github.etcdregistry.controlplane.internal.etcd.EtcdFlags;
import io.github.etcdregistry.controlplane.internal.etcd.RestartableEtcd;
import io.github.etcdregistry.pki.ClusterPki;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.testcontainers.containers.Network;
import org.testcontainers.utility.DockerImageName;

/**
 * etcd in a container on the control plane's network: a single member reachable as {@code etcd:2379} there, or one
 * member of a cluster reachable by its name ({@code etcd-1:2379}).
 */
public final class ContainerEtcd extends ContainerComponent implements RestartableEtcd {

  public static final String ALIAS = "etcd";
  private static final String BINARY = "/usr/local/bin/etcd";
  private static final String DATA = "/var/lib/etcd";

  private final ComponentContainer container;
  private final HttpsWaitStrategy readiness;
  private final HttpsProbe probe;

  /**
   * @param member null for a single member, whose data lives in a tmpfs; a cluster member's survives {@code docker stop}
   * @param extraFlags the user's own etcd flags, after (and so over) ours
   */
  public ContainerEtcd(DockerImageName image, ClusterPki pki, Network network, HttpsProbe probe, String controlPlaneId, String publishAddress,
      EtcdFlags.Member member, List<String> extraFlags) {
    super(member == null ? ALIAS : member.name());
    this.probe = probe;
    List<String> flags = member == null
        ? EtcdFlags.of(DATA, "0.0.0.0", ALIAS, EtcdFlags.CLIENT_PORT, EtcdFlags.PEER_PORT, PkiPaths.inContainer(pki), extraFlags)
        : EtcdFlags.of(member, DATA, "0.0.0.0", EtcdFlags.CLIENT_PORT, EtcdFlags.PEER_PORT, PkiPaths.inContainer(pki), extraFlags);
    this.readiness = new HttpsWaitStrategy(EtcdFlags.CLIENT_PORT, url -> EtcdFlags.healthy(probe, url), () -> true,
        () -> "Started as: etcd " + String.join(" ", flags));
    this.container = new ComponentContainer(image, BINARY, flags, network, name(), EtcdFlags.CLIENT_PORT, controlPlaneId, publishAddress)
        .withPkiFiles(pki, pki.etcdCaCert(), pki.etcdServerCert(), pki.etcdServerKey())
        .waitingFor(readiness);
    if (member == null) {
      container.withTmpFs(Map.of(DATA, "rw,mode=700"));
    } else {
      container.withPkiFiles(pki, pki.etcdPeerFiles(name()).certificate(), pki.etcdPeerFiles(name()).privateKey());
    }
  }

  @Override
  public ComponentContainer container() {
    return container;
  }

  @Override
  public void start(StartupTimeout timeout) {
    startWaiting(readiness, timeout, Setting.ETCD_IMAGE);
  }

  @Override
  public void stop() {
    container.stopKeepingData(STOP_GRACE);
  }

  @Override
  public void restart(StartupTimeout timeout) {
    if (isRunning()) {
      return;
    }
    container.startAgain();
    Readiness.await(name() + " container", timeout, () -> EtcdFlags.healthy(probe, clientUrl()), container::isRunning,
        () -> "Last log lines:" + System.lineSeparator() + container.recentLogs(30));
  }

  @Override
  public boolean isRunning() {
    return container.isRunning();
  }

  @Override
  public URI clientUrl() {
    return URI.create("https://" + container.getHost() + ":" + container.currentMappedPort(EtcdFlags.CLIENT_PORT));
  }

  @Override
  public URI clientUrlForApiServer() {
    return URI.create("https://" + name() + ":" + EtcdFlags.CLIENT_PORT);
  }
}
