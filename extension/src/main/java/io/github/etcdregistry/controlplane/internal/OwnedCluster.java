package io.github.etcdregistry.controlplane.internal;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.binaries.Binaries;
import io.github.etcdregistry.binaries.Bundle;
import io.github.etcdregistry.binaries.Platform;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.Component;
import io.github.etcdregistry.controlplane.ControlPlaneException;
import io.github.etcdregistry.controlplane.DefaultVersions;
import io.github.etcdregistry.controlplane.EncryptionAtRest;
import io.github.etcdregistry.controlplane.EtcdMember;
import io.github.etcdregistry.controlplane.KubernetesVersion;
import io.github.etcdregistry.controlplane.Setting;
import io.github.etcdregistry.controlplane.Settings;
import io.github.etcdregistry.controlplane.internal.etcd.EtcdMembers;
import io.github.etcdregistry.controlplane.internal.etcd.EtcdServer;
import io.github.etcdregistry.controlplane.internal.kubernetes.AdminClient;
import io.github.etcdregistry.controlplane.internal.kubernetes.KubeApiServer;
import io.github.etcdregistry.controlplane.internal.kubernetes.KubernetesStage;
import io.github.etcdregistry.controlplane.internal.kubernetes.UserClients;
import io.github.etcdregistry.internal.Closer;
import io.github.etcdregistry.pki.ClusterPki;
import io.github.etcdregistry.registry.EtcdRegistry;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cluster this JVM starts and stops: a {@link Workspace}, the backend's {@link ComponentFactory}, etcd (one member
 * or several), and a {@link KubernetesStage} with kube-apiserver and kube-controller-manager when asked for, watched
 * so that a component that ends is named at once.
 */
public final class OwnedCluster implements RunningCluster {

  private final ComponentSpec spec;
  private final Settings settings;
  private final Closer started = new Closer((closeable, e) -> new ControlPlaneException("Could not stop the control plane cleanly: " + e.getMessage(), e));
  // etcd apart from the components on top of it: registry reads need etcd alone
  private final ComponentWatch etcdWatch = new ComponentWatch(this::etcdExitReports);
  private final ComponentWatch kubernetesWatch = new ComponentWatch(this::kubernetesExitReports);
  private volatile boolean watching; // while starting, each start reports its own failure; while closing, ends are deliberate
  private Workspace workspace;
  private EtcdServer etcd;
  private EtcdMembers etcdMembers;
  private KubernetesStage kubernetes;
  private EtcdRegistry registry;
  private KubernetesClient kubernetesClient;
  private UserClients userClients;

  private OwnedCluster(ComponentSpec spec, Settings settings) {
    this.spec = spec;
    this.settings = settings;
  }

  /**
   * Starts etcd, then kube-apiserver, applies the CRDs, and starts kube-controller-manager and the other clients if asked
   * for; a failure stops what had started.
   */
  public static OwnedCluster start(ComponentSpec spec, Settings settings, EncryptionAtRest encryption, String controlPlaneId) {
    OwnedCluster cluster = new OwnedCluster(spec, settings);
    try {
      cluster.startComponents(encryption, controlPlaneId);
    } catch (RuntimeException e) {
      cluster.started.closeAfter(e);
      throw e;
    }
    cluster.watching = true;
    return cluster;
  }

  private void startComponents(EncryptionAtRest encryption, String controlPlaneId) {
    workspace = started.register(Workspace.prepare(spec, settings));
    ComponentFactory factory = started.register(ComponentFactory.of(spec, workspace, controlPlaneId));
    HttpsProbe etcdProbe = workspace.etcdProbe();
    etcd = started.register(factory.etcd(spec, etcdProbe));
    etcdMembers = new EtcdMembers(etcd, etcdProbe, spec.timeout());
    KubernetesStage stage = spec.runs(Component.KUBE_APISERVER) ? started.register(new KubernetesStage(factory, spec, workspace, etcd)) : null;
    kubernetes = stage;
    factory.start(etcd, stage == null ? null : etcdUsable -> stage.startKubeApiServer(encryption, etcdUsable), spec.timeout());

    EtcdRegistry.Builder registryBuilder = EtcdRegistry.builder()
        .endpoints(etcd.clientUrls().stream().map(URI::toString).toArray(String[]::new))
        .trustedCa(workspace.pki().etcdCaCert())
        .clientCertificate(workspace.pki().apiserverEtcdClientCert(), workspace.pki().apiserverEtcdClientKey())
        .encryptionKeys(encryption.keys())
        .prefix(spec.etcdPrefix())
        .unavailableWhen(this::etcdUnavailable);
    // decode with the running version's own schemas when they were built; client-java-proto's otherwise
    KubernetesSchemas.descriptorSet(settings, kubernetesVersion().toString()).ifPresent(registryBuilder::schemas);
    registry = started.register(registryBuilder.build());
    started.register(this::closeClients);
    if (stage != null) {
      // kube-controller-manager's garbage collector discovers custom resources when it starts, then only every 30 s
      if (!spec.asked().crds().definitions().isEmpty()) {
        spec.asked().crds().applyTo(kubernetesClient(), spec.timeout().duration());
      }
      stage.startClients();
    }
  }

  @Override
  public Backend backend() {
    return spec.backend();
  }

  @Override
  public URI etcdEndpoint() {
    return etcd.clientUrl();
  }

  @Override
  public EtcdRegistry registry() {
    return registry;
  }

  @Override
  public Optional<KubeApiServer> kubeApiServer() {
    KubernetesStage stage = kubernetes;
    return stage == null ? Optional.empty() : Optional.ofNullable(stage.kubeApiServer());
  }

  @Override
  public Path kubeconfig() {
    return kubernetes.kubeconfig();
  }

  @Override
  public synchronized KubernetesClient kubernetesClient() {
    if (kubernetesClient == null) {
      kubernetesClient = AdminClient.connect(kubernetes.kubeApiServer().url(), workspace.pki(), settings, this::unavailable);
    }
    return kubernetesClient;
  }

  /** A client authenticated as {@code user} in {@code groups} by a certificate the cluster CA signs. */
  public synchronized KubernetesClient clientFor(String user, String... groups) {
    if (userClients == null) {
      userClients = new UserClients();
    }
    return userClients.clientFor(workspace.pki(), kubernetes.kubeApiServer().url(), user, groups);
  }

  @Override
  public KubernetesVersion kubernetesVersion() {
    KubernetesStage stage = kubernetes;
    return stage != null ? stage.runningVersion() : spec.version();
  }

  @Override
  public Map<String, String> existingClusterSettings() {
    Map<String, String> attach = new LinkedHashMap<>();
    attach.put(Setting.BACKEND.key(), "existing");
    attach.put(Setting.EXISTING_KUBECONFIG.key(), kubeconfig().toString());
    attach.put(Setting.EXISTING_ETCD_ENDPOINTS.key(), etcdEndpoint().toString());
    attach.put(Setting.EXISTING_ETCD_CA.key(), pki().etcdCaCert().toString());
    attach.put(Setting.EXISTING_ETCD_CERT.key(), pki().apiserverEtcdClientCert().toString());
    attach.put(Setting.EXISTING_ETCD_KEY.key(), pki().apiserverEtcdClientKey().toString());
    attach.put(Setting.EXISTING_ETCD_PREFIX.key(), registry.prefix());
    return attach;
  }

  public ClusterPki pki() {
    return workspace.pki();
  }

  public EtcdMember etcdMember(int index) {
    return etcdMembers.member(index);
  }

  /** Starts kube-apiserver and its clients again with {@code next}; the admin client follows. */
  public synchronized void reconfigureEncryption(EncryptionAtRest next) {
    closeClients();
    kubernetes.restart(next);
  }

  /** Runs another Kubernetes release's kube-apiserver and kube-controller-manager on the same etcd. */
  public synchronized void switchKubernetesVersion(KubernetesVersion version, EncryptionAtRest encryption) {
    ComponentSpec next = kubernetes.spec().withKubernetesVersion(settings, version);
    closeClients();
    kubernetes.switchRelease(next, encryption);
  }

  /**
   * The etcdctl that came with etcd's binary when there is one beside it, else the default etcd's for this machine, else
   * the one on the PATH.
   */
  @Override
  public String etcdctlCommand() {
    ClusterPki pki = workspace.pki();
    String etcdctl = Optional.ofNullable(spec.binary(Component.ETCD)).map(binary -> binary.resolveSibling("etcdctl"))
        .filter(Files::isExecutable).or(this::etcdctlOfThisPlatform).map(Path::toString).orElse("etcdctl");
    return etcdctl + " --endpoints=" + etcd.clientUrl()
        + " --cacert=" + pki.etcdCaCert()
        + " --cert=" + pki.apiserverEtcdClientCert()
        + " --key=" + pki.apiserverEtcdClientKey()
        + " get " + registry.prefix() + " --prefix --keys-only";
  }

  private Optional<Path> etcdctlOfThisPlatform() {
    Binaries binaries = new Binaries(settings.cacheDirectory());
    return binaries.has(Bundle.ETCD, DefaultVersions.ETCD, Platform.current())
        ? Optional.of(binaries.executable(Bundle.ETCD, "etcdctl", DefaultVersions.ETCD, Platform.current())) : Optional.empty();
  }

  @Override
  public String recentLogs() {
    StringBuilder logs = new StringBuilder().append(Component.ETCD).append(':').append(System.lineSeparator()).append(etcd.recentLogs());
    KubernetesStage stage = kubernetes;
    KubeApiServer apiServer = stage == null ? null : stage.kubeApiServer();
    if (apiServer != null) {
      logs.append(System.lineSeparator()).append(Component.KUBE_APISERVER).append(':').append(System.lineSeparator()).append(apiServer.recentLogs());
      stage.clients().forEach((component, client) -> logs.append(System.lineSeparator()).append(component).append(':')
          .append(System.lineSeparator()).append(client.recentLogs()));
    }
    return logs.toString();
  }

  @Override
  public Optional<String> failure() {
    return etcdWatch.failure().or(kubernetesWatch::failure);
  }

  @Override
  public Optional<String> etcdFailure() {
    return etcdWatch.failure();
  }

  @Override
  public Optional<String> unavailable() {
    return failure().or(this::etcdMembersUnavailable);
  }

  /** Why etcd cannot answer now, whatever the components on top of it do: it ended, or lost its quorum. */
  private Optional<String> etcdUnavailable() {
    return etcdWatch.failure().or(this::etcdMembersUnavailable);
  }

  private Optional<String> etcdMembersUnavailable() {
    return etcdMembers == null ? Optional.empty() : etcdMembers.unavailable();
  }

  @Override
  public OwnedCluster owned(String why) {
    return this;
  }

  @Override
  public void close() {
    watching = false;
    started.close();
  }

  private synchronized void closeClients() {
    if (kubernetesClient != null) {
      kubernetesClient.close();
      kubernetesClient = null;
    }
    if (userClients != null) {
      userClients.close();
      userClients = null;
    }
  }

  private List<Optional<String>> etcdExitReports() {
    return watching ? List.of(etcd.exitReport()) : List.of();
  }

  private List<Optional<String>> kubernetesExitReports() {
    KubernetesStage stage = kubernetes;
    return !watching || stage == null ? List.of() : stage.exitReports().toList();
  }

  @Override
  public String toString() {
    return spec.backend() + ", " + etcd + kubeApiServer().map(apiServer -> ", " + apiServer).orElse("");
  }
}
