package io.github.etcdregistry.controlplane.internal.kubernetes;

import io.github.etcdregistry.controlplane.Component;
import io.github.etcdregistry.controlplane.ControlPlaneException;
import io.github.etcdregistry.controlplane.EncryptionAtRest;
import io.github.etcdregistry.controlplane.KubernetesVersion;
import io.github.etcdregistry.controlplane.internal.ComponentFactory;
import io.github.etcdregistry.controlplane.internal.ComponentSpec;
import io.github.etcdregistry.controlplane.internal.HttpsProbe;
import io.github.etcdregistry.controlplane.internal.Workspace;
import io.github.etcdregistry.controlplane.internal.etcd.EtcdServer;
import io.github.etcdregistry.internal.Closer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * kube-apiserver and the components that work through it (kube-controller-manager, kube-scheduler, kwok with its
 * simulated nodes) on a control plane's etcd: started, started again on the same etcd, data and certificates with other
 * encryption (a key rotation) or another Kubernetes release, and stopped, kube-apiserver's clients first. Writes the
 * admin's kubeconfig for the running kube-apiserver.
 */
public final class KubernetesStage implements AutoCloseable {

  private final ComponentFactory factory;
  private final Workspace workspace;
  private final EtcdServer etcd;
  private final HttpsProbe adminProbe;
  private final Map<Component, ApiClientComponent> clients = new ConcurrentSkipListMap<>(); // in start order
  private ComponentSpec spec;
  private volatile KubeApiServer kubeApiServer;
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

  /**
   * Starts, side by side, each of kube-apiserver's clients the spec runs: kube-controller-manager, kube-scheduler, kwok
   * (they only need kube-apiserver, and each start is mostly waiting for its own readiness); then creates the simulated
   * nodes and waits until they are Ready.
   */
  public void startClients() {
    List<CompletableFuture<Void>> starts = new ArrayList<>();
    ExecutorService starting = Executors.newCachedThreadPool();
    try {
      for (Component component : Component.values()) {
        if (component.isApiClient() && spec.runs(component)) {
          ComponentSpec withStages = component == Component.KWOK && !spec.asked().stages().isEmpty()
              ? spec.withStages(KwokStages.write(spec.asked().stages(), workspace.directory().resolve("stages"))) : spec;
          ApiClientComponent client = factory.apiClient(component, withStages, adminProbe, kubeApiServer.url(), kubeconfig);
          clients.put(component, client); // stopped with the others, whether its start succeeds or not
          starts.add(CompletableFuture.runAsync(() -> client.start(spec.timeout()), starting));
        }
      }
      awaitAll(starts);
    } finally {
      starting.shutdown();
    }
    if (spec.asked().nodes() > 0) {
      SimulatedNodes.ensure(spec.asked().nodes(), kubeApiServer.url(), workspace.pki(), spec.timeout());
    }
  }

  /** Waits for every start, so that none is still under way when a failure stops the others, then throws the first failure. */
  private static void awaitAll(List<CompletableFuture<Void>> starts) {
    RuntimeException first = null;
    for (CompletableFuture<Void> start : starts) {
      try {
        start.join();
      } catch (CompletionException e) {
        RuntimeException failure = e.getCause() instanceof RuntimeException cause ? cause : e;
        if (first == null) {
          first = failure;
        } else {
          first.addSuppressed(failure);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /** Starts kube-apiserver and its clients again with {@code encryption}; its URL may change. */
  public void restart(EncryptionAtRest encryption) {
    stop();
    try {
      Files.deleteIfExists(kubeconfig);
    } catch (IOException e) {
      throw new ControlPlaneException("Could not replace the kubeconfig " + kubeconfig, e);
    }
    startKubeApiServer(encryption, () -> true);
    if (spec.asked().nodes() > 0) {
      SimulatedNodes.releaseLeases(spec.asked().nodes(), kubeApiServer.url(), workspace.pki());
    }
    startClients();
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

  /** kube-apiserver's clients that run, in start order. */
  public Map<Component, ApiClientComponent> clients() {
    return Collections.unmodifiableMap(clients);
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
    return Stream.concat(Stream.of(server == null ? Optional.<String>empty() : server.exitReport()),
        clients.values().stream().map(ApiClientComponent::exitReport));
  }

  @Override
  public void close() {
    stop();
  }

  /** kube-apiserver's clients first, in reverse start order, then kube-apiserver; every stop runs. */
  private void stop() {
    Closer closer = new Closer((component, e) -> new ControlPlaneException("Could not stop " + component + " cleanly: " + e.getMessage(), e));
    if (kubeApiServer != null) {
      closer.register(kubeApiServer);
    }
    clients.values().forEach(closer::register);
    clients.clear();
    closer.close();
  }
}
