package io.github.etcdregistry.controlplane.internal;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.controlplane.KubernetesVersion;
import io.github.etcdregistry.controlplane.internal.kubernetes.KubeApiServer;
import io.github.etcdregistry.controlplane.internal.reuse.ReusedCluster;
import io.github.etcdregistry.registry.EtcdRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A started {@link ControlPlane}'s cluster, whoever runs it: this JVM ({@link OwnedCluster}), someone else
 * ({@link ExistingCluster}), or the JVM that keeps it for reuse across runs ({@link ReusedCluster}). What only a
 * cluster of one's own allows — its certificates, its members, restarting kube-apiserver — is asked of
 * {@link #owned(String)}, which the others refuse, saying why.
 */
public interface RunningCluster extends AutoCloseable {

  /** {@link Backend#PROCESS} or {@link Backend#CONTAINER} when this JVM runs it, else {@link Backend#EXISTING}. */
  Backend backend();

  URI etcdEndpoint();

  EtcdRegistry registry();

  /** kube-apiserver, when it runs. */
  Optional<KubeApiServer> kubeApiServer();

  /** The admin's kubeconfig; only with kube-apiserver. */
  Path kubeconfig();

  /** A client authenticated as the admin, closed with the cluster; only with kube-apiserver. */
  KubernetesClient kubernetesClient();

  /** As kube-apiserver reports it, else as asked for. */
  KubernetesVersion kubernetesVersion();

  /** {@code etcdregistry.existing.*}: what lets another JVM attach to it. */
  Map<String, String> existingClusterSettings();

  String etcdctlCommand();

  String recentLogs();

  /** How a component ended, once one has: for good. */
  Optional<String> failure();

  /** Why etcd or kube-apiserver cannot answer now: a component ended, or etcd lost its quorum (until restarted). */
  Optional<String> unavailable();

  /** How etcd ended, once it has; the components on top of it may have ended without it. */
  default Optional<String> etcdFailure() {
    return failure();
  }

  /** This cluster when it is this JVM's own, else fails: {@code why} says what cannot be done on another's. */
  OwnedCluster owned(String why);

  /** Stops what this JVM started and closes its clients; another's cluster runs on. */
  @Override
  void close();
}
