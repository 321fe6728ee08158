package io.github.etcdregistry.controlplane;

import io.github.etcdregistry.pki.ClusterPki;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** etcd as a local process on 127.0.0.1, with free ports and a data directory in the control plane's work dir. */
final class ProcessEtcd implements EtcdServer {

  private final Path binary;
  private final ClusterPki pki;
  private final Path workDirectory;
  private final HttpsProbe probe;
  private LocalProcess process;
  private URI clientUrl;

  ProcessEtcd(Path binary, ClusterPki pki, Path workDirectory, HttpsProbe probe) {
    this.binary = binary;
    this.pki = pki;
    this.workDirectory = workDirectory;
    this.probe = probe;
  }

  @Override
  public void start(StartupTimeout timeout) {
    FreePorts.retryWhenTaken(attempt -> {
      int clientPort = FreePorts.next();
      int peerPort = FreePorts.next();
      clientUrl = URI.create("https://127.0.0.1:" + clientPort);
      List<String> command = new ArrayList<>();
      command.add(binary.toString());
      command.addAll(EtcdFlags.of(workDirectory.resolve("etcd-data-" + attempt).toString(), "127.0.0.1", "127.0.0.1",
          clientPort, peerPort, PkiPaths.onHost(pki)));
      process = LocalProcess.start("etcd", command, workDirectory);
      return process;
    }, started -> Readiness.await("etcd at " + clientUrl, timeout, this::healthy, started::isAlive, started::failureReport));
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
    if (process != null) {
      process.close();
    }
  }

  @Override
  public String toString() {
    return "etcd process " + (process == null ? "(not started)" : process + " at " + clientUrl);
  }
}
