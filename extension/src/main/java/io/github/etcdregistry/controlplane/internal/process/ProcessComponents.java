package io.github.etcdregistry.controlplane.internal.process;

import io.github.etcdregistry.controlplane.Component;
import io.github.etcdregistry.controlplane.internal.ComponentFactory;
import io.github.etcdregistry.controlplane.internal.ComponentSpec;
import io.github.etcdregistry.controlplane.internal.FreePorts;
import io.github.etcdregistry.controlplane.internal.HttpsProbe;
import io.github.etcdregistry.controlplane.internal.PkiPaths;
import io.github.etcdregistry.controlplane.internal.StartupTimeout;
import io.github.etcdregistry.controlplane.internal.Workspace;
import io.github.etcdregistry.controlplane.internal.etcd.EtcdCluster;
import io.github.etcdregistry.controlplane.internal.etcd.EtcdServer;
import io.github.etcdregistry.controlplane.internal.etcd.EtcdutlRestore;
import io.github.etcdregistry.controlplane.internal.kubernetes.KubeApiServer;
import io.github.etcdregistry.controlplane.internal.kubernetes.ApiClientComponent;
import io.github.etcdregistry.controlplane.internal.kubernetes.KubeSchedulerFlags;
import io.github.etcdregistry.controlplane.internal.kubernetes.KwokFlags;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Components as local processes on 127.0.0.1, with their files in the work directory. */
public final class ProcessComponents implements ComponentFactory {

  private static final String HOST = "127.0.0.1";

  private final Workspace workspace;

  public ProcessComponents(Workspace workspace) {
    this.workspace = workspace;
  }

  /** Cluster members on free ports chosen up front, since each must know every other's peer URL; a single one on its own. */
  @Override
  public EtcdServer etcd(ComponentSpec spec, HttpsProbe probe) {
    if (spec.etcdMembers() > 1) {
      int[] clientPorts = new int[spec.etcdMembers()];
      int[] peerPorts = new int[spec.etcdMembers()];
      for (int i = 0; i < spec.etcdMembers(); i++) {
        clientPorts[i] = FreePorts.next("etcd");
        peerPorts[i] = FreePorts.next("etcd");
      }
      return EtcdCluster.form(workspace.pki(), spec.etcdMembers(), PkiPaths.onHost(workspace.pki()), i -> HOST,
          i -> "https://" + HOST + ":" + peerPorts[i], (i, member) -> new ProcessEtcd(spec.binary(Component.ETCD), workspace.pki(),
              workspace.directory(), probe, null, member, clientPorts[i], peerPorts[i], spec.flags(Component.ETCD)));
    }
    Path restored = spec.snapshotToRestore() == null ? null : EtcdutlRestore.restore(spec.etcdutl(), spec.snapshotToRestore(),
        workspace.directory().resolve("etcd-restored"), spec.timeout().duration());
    return new ProcessEtcd(spec.binary(Component.ETCD), workspace.pki(), workspace.directory(), probe, restored,
        spec.flags(Component.ETCD));
  }

  @Override
  public KubeApiServer kubeApiServer(ComponentSpec spec, HttpsProbe adminProbe, String etcdServers, Path encryptionConfig,
      BooleanSupplier etcdUsable) {
    return new ProcessKubeApiServer(spec.binary(Component.KUBE_APISERVER), workspace.pki(), workspace.directory(), adminProbe, etcdServers,
        encryptionConfig, spec.flags(Component.KUBE_APISERVER));
  }

  @Override
  public ApiClientComponent apiClient(Component component, ComponentSpec spec, HttpsProbe adminProbe, URI kubeApiServer, Path kubeconfig) {
    List<String> extraFlags = spec.flags(component);
    return switch (component) {
      case KUBE_CONTROLLER_MANAGER -> new ProcessKubeControllerManager(spec.binary(component), workspace.pki(), workspace.directory(),
          kubeconfig, adminProbe, kubeApiServer, extraFlags);
      case KUBE_SCHEDULER -> new ProcessApiClient(component, spec.binary(component), workspace.directory(),
          KubeSchedulerFlags.of(kubeconfig.toString(), extraFlags));
      case KWOK -> new ProcessApiClient(component, spec.binary(component), workspace.directory(),
          KwokFlags.of(kubeconfig.toString(), spec.stages().stream().map(Path::toString).toList(), extraFlags));
      default -> throw new IllegalArgumentException(component + " is not one of kube-apiserver's clients");
    };
  }

  /**
   * One after the other: kube-apiserver needs etcd's URL, which a free port chosen at etcd's start makes. Started side
   * by side (etcd's ports chosen up front) they were no faster on two CPUs: both spend their start-up on the CPU.
   */
  @Override
  public void start(EtcdServer etcd, Consumer<BooleanSupplier> startKubeApiServer, StartupTimeout timeout) {
    etcd.start(timeout);
    if (startKubeApiServer != null) {
      startKubeApiServer.accept(() -> true);
    }
  }

  @Override
  public void close() {
    // processes share nothing but the workspace
  }
}
