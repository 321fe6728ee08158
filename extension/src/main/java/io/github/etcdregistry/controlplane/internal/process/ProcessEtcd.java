package io.github.etcdregistry.controlplane.internal.process;

import io.github.etcdregistry.controlplane.internal.FreePorts;
import io.github.etcdregistry.controlplane.internal.HttpsProbe;
import io.github.etcdregistry.controlplane.internal.PkiPaths;
import io.github.etcdregistry.controlplane.internal.StartupTimeout;
import io.github.etcdregistry.controlplane.internal.etcd.EtcdFlags;
import io.github.etcdregistry.controlplane.internal.etcd.RestartableEtcd;
import io.github.etcdregistry.pki.ClusterPki;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * etcd as a local process on 127.0.0.1, with its data directory in the control plane's work dir: a single member on
 * free ports, or one member of a cluster on ports chosen for the whole cluster.
 */
public final class ProcessEtcd extends ProcessComponent implements RestartableEtcd {

  private final ClusterPki pki;
  private final Path workDirectory;
  private final HttpsProbe probe;
  private final Path restoredData;
  private final EtcdFlags.Member member; // null for a single member
  private final int clusterClientPort;
  private final int clusterPeerPort;
  private final List<String> extraFlags;
  private URI clientUrl;

  /** @param restoredData a data directory restored from a snapshot, or {@code null} to start empty */
  public ProcessEtcd(Path binary, ClusterPki pki, Path workDirectory, HttpsProbe probe, Path restoredData, List<String> extraFlags) {
    this(binary, pki, workDirectory, probe, restoredData, null, 0, 0, extraFlags);
  }

  public ProcessEtcd(Path binary, ClusterPki pki, Path workDirectory, HttpsProbe probe, Path restoredData, EtcdFlags.Member member,
      int clientPort, int peerPort, List<String> extraFlags) {
    super(member == null ? "etcd" : member.name(), binary, workDirectory);
    this.pki = pki;
    this.workDirectory = workDirectory;
    this.probe = probe;
    this.restoredData = restoredData;
    this.member = member;
    this.clusterClientPort = clientPort;
    this.clusterPeerPort = peerPort;
    this.extraFlags = extraFlags;
  }

  @Override
  public void start(StartupTimeout timeout) {
    if (member != null) { // the others know this member by its peer URL: its ports cannot change
      clientUrl = URI.create("https://127.0.0.1:" + clusterClientPort);
      startOn(EtcdFlags.of(member, workDirectory.resolve("etcd-data-" + member.name()).toString(), "127.0.0.1", clusterClientPort,
          clusterPeerPort, PkiPaths.onHost(pki), extraFlags), name() + " at " + clientUrl, timeout, this::healthy);
      return;
    }
    startOnFreePorts(attempt -> {
      int clientPort = FreePorts.next("etcd");
      int peerPort = FreePorts.next("etcd");
      clientUrl = URI.create("https://127.0.0.1:" + clientPort);
      Path dataDirectory = restoredData != null ? restoredData : workDirectory.resolve("etcd-data-" + attempt);
      return EtcdFlags.of(dataDirectory.toString(), "127.0.0.1", "127.0.0.1", clientPort, peerPort, PkiPaths.onHost(pki), extraFlags);
    }, () -> "etcd at " + clientUrl, timeout, this::healthy);
  }

  @Override
  public void restart(StartupTimeout timeout) {
    startAgain(name() + " at " + clientUrl, timeout, this::healthy);
  }

  @Override
  public void stop() {
    close(STOP_GRACE);
  }

  private boolean healthy() {
    return EtcdFlags.healthy(probe, clientUrl);
  }

  @Override
  public URI clientUrl() {
    return clientUrl;
  }

  @Override
  public URI clientUrlForApiServer() {
    return clientUrl;
  }

  @Override
  public String at() {
    return " at " + clientUrl;
  }
}
