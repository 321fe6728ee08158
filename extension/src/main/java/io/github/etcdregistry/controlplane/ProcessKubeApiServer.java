package io.github.etcdregistry.controlplane;

import io.github.etcdregistry.pki.ClusterPki;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** kube-apiserver as a local process bound to 127.0.0.1 on a free port. */
final class ProcessKubeApiServer implements KubeApiServer {

  private final Path binary;
  private final ClusterPki pki;
  private final Path workDirectory;
  private final HttpsProbe adminProbe;
  private final String etcd; // --etcd-servers: one URL per member
  private final Path encryptionConfig;
  private final List<String> extraFlags;
  private LocalProcess process;
  private URI url;
  private List<String> flags = List.of();

  ProcessKubeApiServer(Path binary, ClusterPki pki, Path workDirectory, HttpsProbe adminProbe, String etcd, Path encryptionConfig,
      List<String> extraFlags) {
    this.binary = binary;
    this.pki = pki;
    this.workDirectory = workDirectory;
    this.adminProbe = adminProbe;
    this.etcd = etcd;
    this.encryptionConfig = encryptionConfig;
    this.extraFlags = extraFlags;
  }

  @Override
  public void start(StartupTimeout timeout) {
    FreePorts.retryWhenTaken(attempt -> {
      int port = FreePorts.next();
      url = URI.create("https://127.0.0.1:" + port);
      // no --advertise-address: loopback is refused by the endpoint reconciler, so kube-apiserver picks the host's own IP
      flags = KubeApiServerFlags.of(etcd, "127.0.0.1", null, port, PkiPaths.onHost(pki),
          workDirectory.resolve("apiserver-certs").toString(), encryptionConfig == null ? null : encryptionConfig.toString(),
          extraFlags);
      List<String> command = new ArrayList<>();
      command.add(binary.toString());
      command.addAll(flags);
      process = LocalProcess.start("kube-apiserver", command, workDirectory);
      return process;
    }, started -> Readiness.await("kube-apiserver at " + url, timeout, () -> ApiServerReadiness.ready(adminProbe, url), started::isAlive,
        started::failureReport));
  }

  @Override
  public URI url() {
    return url;
  }

  @Override
  public List<String> flags() {
    return flags;
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
    return "kube-apiserver process " + (process == null ? "(not started)" : process + " at " + url);
  }
}
