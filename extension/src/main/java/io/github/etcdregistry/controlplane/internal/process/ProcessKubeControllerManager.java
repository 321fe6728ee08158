package io.github.etcdregistry.controlplane.internal.process;

import io.github.etcdregistry.controlplane.internal.FreePorts;
import io.github.etcdregistry.controlplane.internal.HttpsProbe;
import io.github.etcdregistry.controlplane.internal.PkiPaths;
import io.github.etcdregistry.controlplane.internal.StartupTimeout;
import io.github.etcdregistry.controlplane.internal.kubernetes.ApiClientComponent;
import io.github.etcdregistry.controlplane.internal.kubernetes.KubeControllerManagerFlags;
import io.github.etcdregistry.pki.ClusterPki;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/** kube-controller-manager as a local process, talking to kube-apiserver with the admin's kubeconfig. */
public final class ProcessKubeControllerManager extends ProcessComponent implements ApiClientComponent {

  private final ClusterPki pki;
  private final Path workDirectory;
  private final Path kubeconfig;
  private final HttpsProbe adminProbe;
  private final URI kubeApiServer;
  private final List<String> extraFlags;
  private List<String> flags = List.of();

  public ProcessKubeControllerManager(Path binary, ClusterPki pki, Path workDirectory, Path kubeconfig, HttpsProbe adminProbe, URI kubeApiServer,
      List<String> extraFlags) {
    super("kube-controller-manager", binary, workDirectory);
    this.pki = pki;
    this.workDirectory = workDirectory;
    this.kubeconfig = kubeconfig;
    this.adminProbe = adminProbe;
    this.kubeApiServer = kubeApiServer;
    this.extraFlags = extraFlags;
  }

  @Override
  public void start(StartupTimeout timeout) {
    startOnFreePorts(attempt -> flags = KubeControllerManagerFlags.of(kubeconfig.toString(), "127.0.0.1", FreePorts.next("kube-controller-manager"),
            workDirectory.resolve("controller-manager-certs").toString(), PkiPaths.onHost(pki), extraFlags),
        () -> "kube-controller-manager", timeout, () -> KubeControllerManagerFlags.acting(adminProbe, kubeApiServer));
  }

  @Override
  public List<String> flags() {
    return flags;
  }
}
