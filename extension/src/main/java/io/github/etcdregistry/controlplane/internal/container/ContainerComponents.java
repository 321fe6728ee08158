package io.github.etcdregistry.controlplane.internal.container;

import io.github.etcdregistry.controlplane.Component;
import io.github.etcdregistry.controlplane.internal.ComponentFactory;
import io.github.etcdregistry.controlplane.internal.ComponentSpec;
import io.github.etcdregistry.controlplane.internal.HttpsProbe;
import io.github.etcdregistry.controlplane.internal.PkiPaths;
import io.github.etcdregistry.controlplane.internal.StartupTimeout;
import io.github.etcdregistry.controlplane.internal.Workspace;
import io.github.etcdregistry.controlplane.internal.etcd.EtcdCluster;
import io.github.etcdregistry.controlplane.internal.etcd.EtcdFlags;
import io.github.etcdregistry.controlplane.internal.etcd.EtcdServer;
import io.github.etcdregistry.controlplane.internal.kubernetes.KubeApiServer;
import io.github.etcdregistry.controlplane.internal.kubernetes.ApiClientComponent;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.testcontainers.containers.Network;

/**
 * Components as containers, on a Docker network of their own when they must reach each other by name (kube-apiserver
 * finds etcd by its alias, cluster members each other by their names). The network is created here and removed on close.
 */
public final class ContainerComponents implements ComponentFactory {

  private final Workspace workspace;
  private final String controlPlaneId;
  private final Network network; // null for etcd alone

  public ContainerComponents(ComponentSpec spec, Workspace workspace, String controlPlaneId) {
    this.workspace = workspace;
    this.controlPlaneId = controlPlaneId;
    this.network = spec.runs(Component.KUBE_APISERVER) || spec.etcdMembers() > 1
        ? Network.builder().createNetworkCmdModifier(cmd -> cmd.withLabels(ComponentContainer.labels(controlPlaneId, Map.of()))).build()
        : null;
  }

  /** Cluster members on etcd's usual ports, each on its own name; a single one as {@code etcd}. */
  @Override
  public EtcdServer etcd(ComponentSpec spec, HttpsProbe probe) {
    if (spec.etcdMembers() > 1) {
      return EtcdCluster.form(workspace.pki(), spec.etcdMembers(), PkiPaths.inContainer(workspace.pki()), EtcdCluster::memberName,
          i -> "https://" + EtcdCluster.memberName(i) + ":" + EtcdFlags.PEER_PORT,
          (i, member) -> new ContainerEtcd(spec.image(Component.ETCD), workspace.pki(), network, probe, controlPlaneId, workspace.publishAddress(),
              member, spec.flags(Component.ETCD)));
    }
    return new ContainerEtcd(spec.image(Component.ETCD), workspace.pki(), network, probe, controlPlaneId, workspace.publishAddress(), null,
        spec.flags(Component.ETCD));
  }

  @Override
  public KubeApiServer kubeApiServer(ComponentSpec spec, HttpsProbe adminProbe, String etcdServers, Path encryptionConfig,
      BooleanSupplier etcdUsable) {
    return new ContainerKubeApiServer(spec.image(Component.KUBE_APISERVER), workspace.pki(), network, adminProbe, etcdServers, encryptionConfig,
        spec.flags(Component.KUBE_APISERVER), controlPlaneId, workspace.publishAddress(), etcdUsable);
  }

  @Override
  public ApiClientComponent apiClient(Component component, ComponentSpec spec, HttpsProbe adminProbe, URI kubeApiServer, Path kubeconfig) {
    if (component == Component.KUBE_CONTROLLER_MANAGER) {
      return new ContainerKubeControllerManager(spec.image(component), workspace.pki(), network, adminProbe, kubeApiServer,
          spec.flags(component), controlPlaneId, workspace.publishAddress());
    }
    return new ContainerApiClient(component, spec.image(component), workspace.pki(), network,
        component == Component.KWOK ? spec.stages() : List.of(), spec.flags(component), controlPlaneId, workspace.publishAddress());
  }

  /**
   * Side by side: each container takes hundreds of milliseconds in Docker before its process even runs, and
   * kube-apiserver finds etcd by its alias and retries until it answers.
   */
  @Override
  public void start(EtcdServer etcd, Consumer<BooleanSupplier> startKubeApiServer, StartupTimeout timeout) {
    if (startKubeApiServer == null) {
      etcd.start(timeout);
      return;
    }
    SideBySideStart.start(etcd, startKubeApiServer, timeout).ifPresent(apiServerFailure -> {
      throw apiServerFailure;
    });
  }

  @Override
  public void close() {
    if (network != null) {
      network.close();
    }
  }
}
