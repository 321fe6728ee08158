package io.github.etcdregistry.controlplane.internal;

import io.github.etcdregistry.controlplane.Component;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.internal.container.ContainerComponents;
import io.github.etcdregistry.controlplane.internal.etcd.EtcdServer;
import io.github.etcdregistry.controlplane.internal.kubernetes.KubeApiServer;
import io.github.etcdregistry.controlplane.internal.kubernetes.ApiClientComponent;
import io.github.etcdregistry.controlplane.internal.process.ProcessComponents;
import java.net.URI;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Creates etcd, kube-apiserver and kube-controller-manager of one backend from a {@link ComponentSpec}, in a
 * {@link Workspace}, and starts etcd with kube-apiserver the way that backend starts them fastest. Closing it removes
 * what the backend shares between its components (the Docker network).
 */
public interface ComponentFactory extends AutoCloseable {

  /** The factory of the spec's backend: {@link Backend#CONTAINER} or {@link Backend#PROCESS}. */
  static ComponentFactory of(ComponentSpec spec, Workspace workspace, String controlPlaneId) {
    return spec.containers() ? new ContainerComponents(spec, workspace, controlPlaneId) : new ProcessComponents(workspace);
  }

  /** A single etcd, or a cluster of {@link ComponentSpec#etcdMembers()}. */
  EtcdServer etcd(ComponentSpec spec, HttpsProbe probe);

  /** kube-apiserver against {@code etcdServers}; it stops waiting for itself once {@code etcdUsable} turns false. */
  KubeApiServer kubeApiServer(ComponentSpec spec, HttpsProbe adminProbe, String etcdServers, Path encryptionConfig,
      BooleanSupplier etcdUsable);

  /** {@code component}, one of kube-apiserver's clients ({@link Component#isApiClient()}), against kube-apiserver. */
  ApiClientComponent apiClient(Component component, ComponentSpec spec, HttpsProbe adminProbe, URI kubeApiServer, Path kubeconfig);

  /**
   * Starts etcd and, unless {@code startKubeApiServer} is null, kube-apiserver through it (given whether etcd is still
   * worth waiting for); returns once both are ready, or fails with the failure worth reading.
   */
  void start(EtcdServer etcd, Consumer<BooleanSupplier> startKubeApiServer, StartupTimeout timeout);

  @Override
  void close();
}
