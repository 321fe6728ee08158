package io.github.etcdregistry.controlplane;

import io.github.etcdregistry.pki.ClusterPki;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** kube-controller-manager as a local process, talking to kube-apiserver with the admin's kubeconfig. */
final class ProcessKubeControllerManager implements KubeControllerManager {

  private final Path binary;
  private final ClusterPki pki;
  private final Path workDirectory;
  private final Path kubeconfig;
  private final HttpsProbe adminProbe;
  private final URI kubeApiServer;
  private LocalProcess process;
  private List<String> flags = List.of();

  ProcessKubeControllerManager(Path binary, ClusterPki pki, Path workDirectory, Path kubeconfig, HttpsProbe adminProbe, URI kubeApiServer) {
    this.binary = binary;
    this.pki = pki;
    this.workDirectory = workDirectory;
    this.kubeconfig = kubeconfig;
    this.adminProbe = adminProbe;
    this.kubeApiServer = kubeApiServer;
  }

  @Override
  public void start(StartupTimeout timeout) {
    FreePorts.retryWhenTaken(attempt -> {
      flags = KubeControllerManagerFlags.of(kubeconfig.toString(), "127.0.0.1", FreePorts.next(),
          workDirectory.resolve("controller-manager-certs").toString(), PkiPaths.onHost(pki));
      List<String> command = new ArrayList<>();
      command.add(binary.toString());
      command.addAll(flags);
      process = LocalProcess.start("kube-controller-manager", command, workDirectory);
      return process;
    }, started -> Readiness.await("kube-controller-manager", timeout, () -> KubeControllerManagerFlags.acting(adminProbe, kubeApiServer),
        started::isAlive, started::failureReport));
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
    return "kube-controller-manager process " + (process == null ? "(not started)" : process);
  }
}
