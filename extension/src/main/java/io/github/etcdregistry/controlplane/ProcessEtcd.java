package io.github.etcdregistry.controlplane;

import io.github.etcdregistry.pki.ClusterPki;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * etcd as a local process on 127.0.0.1, with its data directory in the control plane's work dir: a single member on
 * free ports, or one member of a cluster on ports chosen for the whole cluster.
 */
final class ProcessEtcd implements RestartableEtcd {

  private final Path binary;
  private final ClusterPki pki;
  private final Path workDirectory;
  private final HttpsProbe probe;
  private final Path restoredData;
  private final EtcdFlags.Member member; // null for a single member
  private final int clusterClientPort;
  private final int clusterPeerPort;
  private LocalProcess process;
  private URI clientUrl;
  private List<String> command;

  /** @param restoredData a data directory restored from a snapshot, or {@code null} to start empty */
  ProcessEtcd(Path binary, ClusterPki pki, Path workDirectory, HttpsProbe probe, Path restoredData) {
    this(binary, pki, workDirectory, probe, restoredData, null, 0, 0);
  }

  ProcessEtcd(Path binary, ClusterPki pki, Path workDirectory, HttpsProbe probe, Path restoredData, EtcdFlags.Member member,
      int clientPort, int peerPort) {
    this.binary = binary;
    this.pki = pki;
    this.workDirectory = workDirectory;
    this.probe = probe;
    this.restoredData = restoredData;
    this.member = member;
    this.clusterClientPort = clientPort;
    this.clusterPeerPort = peerPort;
  }

  @Override
  public void start(StartupTimeout timeout) {
    if (member != null) { // the others know this member by its peer URL: its ports cannot change
      clientUrl = URI.create("https://127.0.0.1:" + clusterClientPort);
      command = new ArrayList<>();
      command.add(binary.toString());
      command.addAll(EtcdFlags.of(member, workDirectory.resolve("etcd-data-" + member.name()).toString(), "127.0.0.1", clusterClientPort,
          clusterPeerPort, PkiPaths.onHost(pki)));
      restart(timeout);
      return;
    }
    FreePorts.retryWhenTaken(attempt -> {
      int clientPort = FreePorts.next();
      int peerPort = FreePorts.next();
      clientUrl = URI.create("https://127.0.0.1:" + clientPort);
      command = new ArrayList<>();
      command.add(binary.toString());
      Path dataDirectory = restoredData != null ? restoredData : workDirectory.resolve("etcd-data-" + attempt);
      command.addAll(EtcdFlags.of(dataDirectory.toString(), "127.0.0.1", "127.0.0.1",
          clientPort, peerPort, PkiPaths.onHost(pki)));
      process = LocalProcess.start(name(), command, workDirectory);
      return process;
    }, started -> Readiness.await("etcd at " + clientUrl, timeout, this::healthy, started::isAlive, started::failureReport));
  }

  @Override
  public void restart(StartupTimeout timeout) {
    if (isRunning()) {
      return;
    }
    process = LocalProcess.start(name(), command, workDirectory);
    Readiness.await(name() + " at " + clientUrl, timeout, this::healthy, process::isAlive, process::failureReport);
  }

  @Override
  public void stop() {
    if (process != null) {
      process.close();
    }
  }

  @Override
  public String name() {
    return member == null ? "etcd" : member.name();
  }

  @Override
  public boolean isRunning() {
    return process != null && process.isAlive();
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
  public String recentLogs() {
    return process == null ? "" : process.recentOutput(50);
  }

  @Override
  public java.util.Optional<String> exitReport() {
    return process == null ? java.util.Optional.empty() : process.exitReport();
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return name() + " process " + (process == null ? "(not started)" : process + " at " + clientUrl);
  }
}
