package io.github.etcdregistry.controlplane;

import io.github.etcdregistry.pki.ClusterPki;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** etcd as a local process on 127.0.0.1, with free ports and a data directory in the control plane's work dir. */
final class ProcessEtcd implements EtcdServer {

  private static final int ATTEMPTS = 3; // a free port can be taken between choosing and binding it

  private final Path binary;
  private final ClusterPki pki;
  private final Path workDirectory;
  private final HttpsProbe probe;
  private final Path restoredData;
  private LocalProcess process;
  private URI clientUrl;

  /** @param restoredData a data directory restored from a snapshot, or {@code null} to start empty */
  ProcessEtcd(Path binary, ClusterPki pki, Path workDirectory, HttpsProbe probe, Path restoredData) {
    this.binary = binary;
    this.pki = pki;
    this.workDirectory = workDirectory;
    this.probe = probe;
    this.restoredData = restoredData;
  }

  @Override
  public void start(Duration timeout) {
    for (int attempt = 1; ; attempt++) {
      int clientPort = FreePorts.next();
      int peerPort = FreePorts.next();
      clientUrl = URI.create("https://127.0.0.1:" + clientPort);
      List<String> command = new ArrayList<>();
      command.add(binary.toString());
      Path dataDirectory = restoredData != null ? restoredData : workDirectory.resolve("etcd-data-" + attempt);
      command.addAll(EtcdFlags.of(dataDirectory.toString(), "127.0.0.1", "127.0.0.1",
          clientPort, peerPort, PkiPaths.onHost(pki)));
      process = LocalProcess.start("etcd", command, workDirectory);
      try {
        Readiness.await("etcd at " + clientUrl, timeout, this::healthy, process::isAlive, process::failureReport);
        return;
      } catch (ControlPlaneException e) {
        boolean portTaken = !process.isAlive() && process.recentOutput(20).contains("address already in use");
        process.close();
        if (!portTaken || attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
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
  public void close() {
    if (process != null) {
      process.close();
    }
  }

  @Override
  public String toString() {
    return "etcd process " + (process == null ? "(not started)" : process + " at " + clientUrl);
  }
}
