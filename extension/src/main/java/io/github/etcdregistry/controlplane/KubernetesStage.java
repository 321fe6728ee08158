package io.github.etcdregistry.controlplane;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * kube-apiserver, and kube-controller-manager when asked for, on a control plane's etcd: started, started again on the
 * same etcd, data and certificates with other encryption (a key rotation) or another Kubernetes release, and stopped,
 * kube-controller-manager first. Writes the admin's kubeconfig for the running kube-apiserver.
 */
final class KubernetesStage implements AutoCloseable {

  private final ComponentFactory factory;
  private final Workspace workspace;
  private final EtcdServer etcd;
  private final HttpsProbe adminProbe;
  private ComponentSpec spec;
  private volatile KubeApiServer kubeApiServer;
  private volatile KubeControllerManager kubeControllerManager;
  private Path kubeconfig;
  private KubernetesVersion runningVersion;

  KubernetesStage(ComponentFactory factory, ComponentSpec spec, Workspace workspace, EtcdServer etcd) {
    this.factory = factory;
    this.spec = spec;
    this.workspace = workspace;
    this.etcd = etcd;
    this.adminProbe = workspace.adminProbe();
    this.runningVersion = spec.version(); // until kube-apiserver reports its own
  }

  /** Starts kube-apiserver, which stops waiting for itself once {@code etcdUsable} turns false. */
  void startKubeApiServer(EncryptionAtRest encryption, BooleanSupplier etcdUsable) {
    Path encryptionConfig = encryption.writeConfiguration(workspace.directory());
    kubeApiServer = factory.kubeApiServer(spec, adminProbe, etcd.etcdServersForApiServer(), encryptionConfig, etcdUsable);
    kubeApiServer.start(spec.timeout());
    kubeconfig = Kubeconfig.write(workspace.directory().resolve("kubeconfig"), kubeApiServer.url(), workspace.pki());
    runningVersion = ServedVersion.of(adminProbe, kubeApiServer.url()).orElse(runningVersion);
  }

  void startKubeControllerManager() {
    kubeControllerManager = factory.kubeControllerManager(spec, adminProbe, kubeApiServer.url(), kubeconfig);
    kubeControllerManager.start(spec.timeout());
  }

  /** Starts kube-apiserver (and kube-controller-manager) again with {@code encryption}; its URL may change. */
  void restart(EncryptionAtRest encryption) {
    boolean withControllerManager = kubeControllerManager != null; // it follows kube-apiserver's URL, which may change
    stop();
    try {
      Files.deleteIfExists(kubeconfig);
    } catch (IOException e) {
      throw new ControlPlaneException("Could not replace the kubeconfig " + kubeconfig, e);
    }
    startKubeApiServer(encryption, () -> true);
    if (withControllerManager) {
      startKubeControllerManager();
    }
  }

  /** Starts the components of {@code next}, another Kubernetes release, in place of the running ones. */
  void switchRelease(ComponentSpec next, EncryptionAtRest encryption) {
    spec = next;
    runningVersion = next.version();
    restart(encryption);
  }

  KubeApiServer kubeApiServer() {
    return kubeApiServer;
  }

  KubeControllerManager kubeControllerManager() {
    return kubeControllerManager;
  }

  Path kubeconfig() {
    return kubeconfig;
  }

  ComponentSpec spec() {
    return spec;
  }

  /** As kube-apiserver reports it on {@code /version}, else the version asked for. */
  KubernetesVersion runningVersion() {
    return runningVersion;
  }

  Stream<Optional<String>> exitReports() {
    KubeApiServer server = kubeApiServer;
    KubeControllerManager controllerManager = kubeControllerManager;
    return Stream.of(server == null ? Optional.empty() : server.exitReport(),
        controllerManager == null ? Optional.empty() : controllerManager.exitReport());
  }

  @Override
  public void close() {
    stop();
  }

  private void stop() {
    try {
      if (kubeControllerManager != null) {
        kubeControllerManager.close();
      }
    } finally {
      if (kubeApiServer != null) {
        kubeApiServer.close();
      }
    }
  }
}
