package io.github.etcdregistry.controlplane.internal.kubernetes;

import io.github.etcdregistry.controlplane.ControlPlaneException;
import io.github.etcdregistry.controlplane.EncryptionAtRest;
import io.github.etcdregistry.controlplane.KubernetesVersion;
import io.github.etcdregistry.controlplane.internal.ComponentFactory;
import io.github.etcdregistry.controlplane.internal.ComponentSpec;
import io.github.etcdregistry.controlplane.internal.HttpsProbe;
import io.github.etcdregistry.controlplane.internal.Workspace;
import io.github.etcdregistry.controlplane.internal.etcd.EtcdServer;
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
public final class KubernetesStage implements AutoCloseable {

  private final ComponentFactory factory;
  private final Workspace workspace;
  private final EtcdServer etcd;
  private final HttpsProbe adminProbe;
  private ComponentSpec spec;
  private volatile KubeApiServer kubeApiServer;
  private volatile KubeControllerManager kubeControllerManager;
  private Path kubeconfig;
  private KubernetesVersion runningVersion;

  public KubernetesStage(ComponentFactory factory, ComponentSpec spec, Workspace workspace, EtcdServer etcd) {
    this.factory = factory;
    this.spec = spec;
    this.workspace = workspace;
    this.etcd = etcd;
    this.adminProbe = workspace.adminProbe();
    this.runningVersion = spec.version(); // until kube-apiserver reports its own
  }

  /** Starts kube-apiserver, which stops waiting for itself once {@code etcdUsable} turns false. */
  public void startKubeApiServer(EncryptionAtRest encryption, BooleanSupplier etcdUsable) {
    Path encryptionConfig = encryption.writeConfiguration(workspace.directory());
    kubeApiServer = factory.kubeApiServer(spec, adminProbe, etcd.etcdServersForApiServer(), encryptionConfig, etcdUsable);
    kubeApiServer.start(spec.timeout());
    kubeconfig = Kubeconfig.write(workspace.directory().resolve("kubeconfig"), kubeApiServer.url(), workspace.pki());
    runningVersion = ServedVersion.of(adminProbe, kubeApiServer.url()).orElse(runningVersion);
  }

  public void startKubeControllerManager() {
    kubeControllerManager = factory.kubeControllerManager(spec, adminProbe, kubeApiServer.url(), kubeconfig);
    kubeControllerManager.start(spec.timeout());
  }

  /** Starts kube-apiserver (and kube-controller-manager) again with {@code encryption}; its URL may change. */
  public void restart(EncryptionAtRest encryption) {
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
  public void switchRelease(ComponentSpec next, EncryptionAtRest encryption) {
    spec = next;
    runningVersion = next.version();
    restart(encryption);
  }

  public KubeApiServer kubeApiServer() {
    return kubeApiServer;
  }

  public KubeControllerManager kubeControllerManager() {
    return kubeControllerManager;
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  public ComponentSpec spec() {
    return spec;
  }

  /** As kube-apiserver reports it on {@code /version}, else the version asked for. */
  public KubernetesVersion runningVersion() {
    return runningVersion;
  }

  public Stream<Optional<String>> exitReports() {
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
