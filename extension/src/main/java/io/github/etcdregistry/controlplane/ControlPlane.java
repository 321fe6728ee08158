package io.github.etcdregistry.controlplane;

import io.etcd.jetcd.Client;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.github.etcdregistry.codec.EncryptionKeys;
import io.github.etcdregistry.pki.ClusterPki;
import io.github.etcdregistry.pki.PkiRequest;
import io.github.etcdregistry.pki.TlsFiles;
import io.github.etcdregistry.registry.EtcdRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import org.testcontainers.containers.Network;
import org.testcontainers.utility.DockerImageName;

/**
 * A real etcd — and on request a real kube-apiserver and kube-controller-manager — wired together over
 * mutual TLS with a freshly generated PKI. Knows nothing of JUnit: a test extension, a {@code main} method or a workshop tour can
 * start one.
 *
 * <pre>{@code
 * try (ControlPlane controlPlane = new ControlPlane().withKubeApiServer(true)) {
 *   controlPlane.start();
 *   controlPlane.kubernetesClient().pods().inNamespace("default").resource(pod).create();
 *   controlPlane.registry().keys("/registry/pods/");
 * }
 * }</pre>
 *
 * Configured like a Testcontainers container: {@code withX} methods before {@link #start()}; what is not
 * set comes from system properties or environment variables (see {@link Settings}).
 */
public class ControlPlane implements AutoCloseable {

  public static final String DEFAULT_ETCD_IMAGE = "gcr.io/etcd-development/etcd:v3.6.16";

  private Backend backend;
  private boolean withKubeApiServer;
  private boolean withKubeControllerManager;
  private DockerImageName etcdImage;
  private DockerImageName kubeApiServerImage;
  private DockerImageName kubeControllerManagerImage;
  private Path etcdBinary;
  private Path kubeApiServerBinary;
  private Path kubeControllerManagerBinary;
  private KubernetesVersion kubernetesVersion;
  private Duration startupTimeout;
  private EncryptionAtRest encryption = EncryptionAtRest.none();
  private List<String> kubeApiServerFlags = List.of();
  private final Settings settings;

  private final String id = java.util.UUID.randomUUID().toString().substring(0, 8);
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private State state = State.NEW;
  private Backend resolvedBackend;
  private ClusterPki pki;
  private Path workDirectory;
  private EtcdServer etcd;
  private KubeApiServer kubeApiServer;
  private KubeControllerManager kubeControllerManager;
  private EtcdRegistry registry;
  private Path kubeconfig;
  private KubernetesClient kubernetesClient;
  private Network network;
  private DockerImageName apiServerImage;
  private Path apiServerExecutable;
  private DockerImageName controllerManagerImage;
  private Path controllerManagerExecutable;
  private BooleanSupplier etcdFailed = () -> false;
  private HttpsProbe adminProbe;
  private KubernetesVersion runningVersion;

  public ControlPlane() {
    this(Settings.fromSystem());
  }

  ControlPlane(Settings settings) {
    this.settings = settings;
  }

  /** Containers, local processes, or {@link Backend#AUTO} (the default, also from {@code etcdregistry.backend}). */
  public ControlPlane withBackend(Backend value) {
    this.backend = Objects.requireNonNull(value, "backend");
    return this;
  }

  /** Also start kube-apiserver against etcd. */
  public ControlPlane withKubeApiServer(boolean value) {
    this.withKubeApiServer = value;
    return this;
  }

  /**
   * Also run kube-controller-manager (implies kube-apiserver), so that controllers act as in a cluster:
   * Endpoints follow Services, ReplicaSets follow Deployments, ControllerRevisions follow DaemonSets and
   * StatefulSets, namespaces get their default ServiceAccount. No scheduler or kubelet runs: Pods stay Pending.
   */
  public ControlPlane withKubeControllerManager(boolean value) {
    this.withKubeControllerManager = value;
    if (value) {
      this.withKubeApiServer = true;
    }
    return this;
  }

  public ControlPlane withKubeControllerManagerImage(DockerImageName image) {
    this.kubeControllerManagerImage = Objects.requireNonNull(image, "image");
    return this;
  }

  public ControlPlane withKubeControllerManagerBinary(Path binary) {
    this.kubeControllerManagerBinary = Objects.requireNonNull(binary, "binary");
    return this;
  }

  /**
   * The Kubernetes release whose kube-apiserver and kube-controller-manager run: {@code "1.36"} (its latest known
   * patch) or {@code "1.36.3"}. Default: {@code etcdregistry.kubernetes.version}, else {@link KubernetesVersion#DEFAULT}.
   * The process backend runs {@code control-plane/build}'s binaries of that version from its cache directory; the
   * container backend the image {@code etcd-registry/kube-apiserver:v1.36.3} when built here, else
   * {@code registry.k8s.io/kube-apiserver:v1.36.3}. A binary or image set explicitly still wins.
   */
  public ControlPlane withKubernetesVersion(String version) {
    this.kubernetesVersion = KubernetesVersion.parse(version);
    return this;
  }

  public ControlPlane withEtcdImage(DockerImageName image) {
    this.etcdImage = Objects.requireNonNull(image, "image");
    return this;
  }

  public ControlPlane withKubeApiServerImage(DockerImageName image) {
    this.kubeApiServerImage = Objects.requireNonNull(image, "image");
    return this;
  }

  public ControlPlane withEtcdBinary(Path binary) {
    this.etcdBinary = Objects.requireNonNull(binary, "binary");
    return this;
  }

  public ControlPlane withKubeApiServerBinary(Path binary) {
    this.kubeApiServerBinary = Objects.requireNonNull(binary, "binary");
    return this;
  }

  /** How long each component may take to become ready (default 60 s, or {@code etcdregistry.startup-timeout} seconds). */
  public ControlPlane withStartupTimeout(Duration timeout) {
    this.startupTimeout = Objects.requireNonNull(timeout, "timeout");
    return this;
  }

  /**
   * More kube-apiserver flags, after (and so over) the ones this class sets: {@code --feature-gates=...},
   * {@code --storage-media-type=application/json}, {@code --etcd-prefix=/other}.
   */
  public ControlPlane withKubeApiServerFlags(String... flags) {
    for (String flag : flags) {
      if (flag == null || !flag.startsWith("--")) {
        throw new IllegalArgumentException("kube-apiserver flags look like --name=value, was: " + flag);
      }
    }
    this.kubeApiServerFlags = List.of(flags);
    return this;
  }

  /** Encryption at rest for kube-apiserver: generated keys for a provider, or the user's own configuration file. */
  public ControlPlane withEncryption(EncryptionAtRest value) {
    this.encryption = Objects.requireNonNull(value, "encryption");
    return this;
  }

  /**
   * Starts etcd, then kube-apiserver and kube-controller-manager if asked for, and waits until each is ready.
   * Does nothing when already started; refuses after {@link #close()}. A failure stops whatever had started.
   */
  public synchronized void start() {
    if (state == State.STARTED) {
      return;
    }
    if (state == State.CLOSED) {
      throw new IllegalStateException("This control plane was closed; create a new ControlPlane to start again");
    }
    CleanupOnExit.Registration exitCleanup = CleanupOnExit.register(this); // a killed test run leaves nothing behind
    started.push(exitCleanup::cancel);
    try {
      doStart();
      state = State.STARTED;
    } catch (RuntimeException e) {
      stopAll(e);
      state = State.CLOSED;
      throw e;
    }
  }

  private void doStart() {
    Duration timeout = startupTimeout();
    resolvedBackend = new BackendChoice(settings).resolve(backend, etcdBinary);
    boolean containers = resolvedBackend == Backend.CONTAINER;
    DockerImageName etcdImageName = containers ? image(etcdImage, Settings.ETCD_IMAGE, DEFAULT_ETCD_IMAGE) : null;
    Path etcdExecutable = containers ? null : binary(etcdBinary, Settings.ETCD_BINARY, "etcd");
    KubernetesComponents components = new KubernetesComponents(settings);
    runningVersion = components.version(kubernetesVersion); // until kube-apiserver reports its own
    if (withKubeApiServer) {
      resolveKubernetesComponents(components, kubeApiServerBinary, kubeApiServerImage, kubeControllerManagerBinary,
          kubeControllerManagerImage, kubernetesVersion);
    }

    workDirectory = ownerOnlyTempDirectory();
    started.push(() -> Directories.deleteRecursively(workDirectory));
    String dockerHost = containers ? org.testcontainers.DockerClientFactory.instance().dockerHostIpAddress() : "127.0.0.1";
    pki = ClusterPki.generate(pkiRequest(dockerHost));
    started.push(pki);
    HttpsProbe etcdProbe = new HttpsProbe(TlsFiles.clientSslContext(pki.etcdCaCert(), pki.apiserverEtcdClientCert(), pki.apiserverEtcdClientKey()));

    if (containers && withKubeApiServer) {
      network = Network.builder().createNetworkCmdModifier(cmd -> cmd.withLabels(
          java.util.Map.of(ComponentContainer.LABEL, "true", ComponentContainer.CONTROL_PLANE_LABEL, id))).build();
      Network created = network;
      started.push(created::close);
    }
    if (containers) {
      etcd = new ContainerEtcd(etcdImageName, pki, network, etcdProbe, id);
    } else {
      etcd = new ProcessEtcd(etcdExecutable, pki, workDirectory, etcdProbe);
    }
    started.push(etcd);
    if (withKubeApiServer) {
      adminProbe = new HttpsProbe(TlsFiles.clientSslContext(pki.caCert(), pki.adminCert(), pki.adminKey()));
    }
    if (containers && withKubeApiServer) {
      startConcurrently(timeout); // kube-apiserver finds etcd by its alias and retries until it answers
    } else {
      etcd.start(timeout);
      if (withKubeApiServer) {
        startKubeApiServer(timeout);
      }
    }

    registry = EtcdRegistry.builder()
        .endpoints(etcd.clientUrl().toString())
        .trustedCa(pki.etcdCaCert())
        .clientCertificate(pki.apiserverEtcdClientCert(), pki.apiserverEtcdClientKey())
        .encryptionKeys(encryption.keys())
        .prefix(etcdPrefix())
        .build();
    started.push(registry);
    started.push(this::closeKubernetesClient);

    if (withKubeControllerManager) {
      startKubeControllerManager(timeout);
    }
  }

  private void startKubeControllerManager(Duration timeout) {
    kubeControllerManager = resolvedBackend == Backend.CONTAINER
        ? new ContainerKubeControllerManager(controllerManagerImage, pki, network, adminProbe, kubeApiServer.url(), id)
        : new ProcessKubeControllerManager(controllerManagerExecutable, pki, workDirectory, kubeconfig, adminProbe, kubeApiServer.url());
    started.push(kubeControllerManager);
    kubeControllerManager.start(timeout);
  }

  /**
   * Starts the etcd and kube-apiserver containers side by side: each takes hundreds of milliseconds in Docker
   * before its process even runs. When both fail, etcd's failure is the cause worth reading.
   */
  private void startConcurrently(Duration timeout) {
    CompletableFuture<Void> etcdStarted = CompletableFuture.runAsync(() -> etcd.start(timeout));
    etcdFailed = etcdStarted::isCompletedExceptionally; // kube-apiserver stops waiting at once
    try {
      startKubeApiServer(timeout);
    } catch (RuntimeException apiServerFailure) {
      try {
        etcdStarted.join();
      } catch (CompletionException etcdFailure) {
        etcdFailure.getCause().addSuppressed(apiServerFailure);
        throw (RuntimeException) etcdFailure.getCause();
      }
      throw apiServerFailure;
    }
    try {
      etcdStarted.join();
    } catch (CompletionException etcdFailure) {
      throw (RuntimeException) etcdFailure.getCause();
    }
  }

  /** Binaries or images of kube-apiserver and kube-controller-manager, resolved before anything starts or stops. */
  private void resolveKubernetesComponents(KubernetesComponents components, Path apiServerBinary, DockerImageName apiServerImageName,
      Path controllerManagerBinary, DockerImageName controllerManagerImageName, KubernetesVersion version) {
    boolean containers = resolvedBackend == Backend.CONTAINER;
    DockerImageName nextApiServerImage = containers ? components.image("kube-apiserver", apiServerImageName, version) : null;
    Path nextApiServerExecutable = containers ? null : components.binary("kube-apiserver", apiServerBinary, version);
    DockerImageName nextControllerManagerImage = containers && withKubeControllerManager
        ? components.image("kube-controller-manager", controllerManagerImageName, version) : null;
    Path nextControllerManagerExecutable = !containers && withKubeControllerManager
        ? components.binary("kube-controller-manager", controllerManagerBinary, version) : null;
    apiServerImage = nextApiServerImage;
    apiServerExecutable = nextApiServerExecutable;
    controllerManagerImage = nextControllerManagerImage;
    controllerManagerExecutable = nextControllerManagerExecutable;
  }

  private void startKubeApiServer(Duration timeout) {
    Path encryptionConfig = encryption.writeConfiguration(workDirectory);
    kubeApiServer = resolvedBackend == Backend.CONTAINER
        ? new ContainerKubeApiServer(apiServerImage, pki, network, adminProbe, etcd.clientUrlForApiServer(), encryptionConfig, kubeApiServerFlags, id,
            () -> !etcdFailed.getAsBoolean())
        : new ProcessKubeApiServer(apiServerExecutable, pki, workDirectory, adminProbe, etcd.clientUrlForApiServer(), encryptionConfig,
            kubeApiServerFlags);
    started.push(kubeApiServer);
    kubeApiServer.start(timeout);
    kubeconfig = Kubeconfig.write(workDirectory.resolve("kubeconfig"), kubeApiServer.url(), pki);
    runningVersion = ServedVersion.of(adminProbe, kubeApiServer.url()).orElse(runningVersion);
  }

  /**
   * Restarts kube-apiserver with {@code next} encryption — a key rotation is {@code current.writingWith("key2")}.
   * etcd and its data stay; kube-apiserver's URL may change, so take {@link #kubernetesClient()} again afterwards.
   * The keys must stay the same set (only their order changes), since the registry reads with them.
   */
  public synchronized void reconfigureEncryption(EncryptionAtRest next) {
    requireKubeApiServer();
    if (!next.hasSameKeysAs(encryption)) {
      throw new IllegalArgumentException("Rotate with the same keys in another order, e.g. encryption.writingWith(\"key2\");"
          + " the registry decodes with the keys it was started with");
    }
    encryption = next;
    restartKubeApiServer();
  }

  /**
   * Stops kube-apiserver (and kube-controller-manager) and starts those of another Kubernetes release on the same
   * etcd, data and certificates, as a cluster upgrade (or downgrade) does: {@code "1.37"} or {@code "1.37.2"}.
   * Objects stay stored as the old release wrote them until something writes them again. kube-apiserver's URL may
   * change, so take {@link #kubernetesClient()} again afterwards. Binaries or images set explicitly are not used
   * here: the version asked for decides. When that version is not built, nothing is stopped.
   */
  public synchronized void switchKubernetesVersion(String version) {
    requireKubeApiServer();
    KubernetesVersion next = KubernetesVersion.parse(version);
    resolveKubernetesComponents(new KubernetesComponents(settings), null, null, null, null, next);
    kubernetesVersion = next;
    runningVersion = next;
    restartKubeApiServer();
  }

  private void restartKubeApiServer() {
    closeKubernetesClient();
    if (kubeControllerManager != null) { // it follows kube-apiserver's URL, which may change
      started.remove(kubeControllerManager);
      kubeControllerManager.close();
    }
    started.remove(kubeApiServer);
    kubeApiServer.close();
    try {
      java.nio.file.Files.deleteIfExists(kubeconfig);
    } catch (IOException e) {
      throw new ControlPlaneException("Could not replace the kubeconfig " + kubeconfig, e);
    }
    startKubeApiServer(startupTimeout());
    if (kubeControllerManager != null) {
      startKubeControllerManager(startupTimeout());
    }
  }

  /**
   * The Kubernetes release this control plane runs, as kube-apiserver reports it on {@code /version}; with etcd
   * alone, the version configured (see {@link #withKubernetesVersion(String)}), whose schemas fit what it stores.
   */
  public KubernetesVersion kubernetesVersion() {
    requireStarted();
    return runningVersion;
  }

  /** The encryption at rest kube-apiserver runs with. */
  public EncryptionAtRest encryption() {
    return encryption;
  }

  /**
   * A short random name of this control plane; its containers and network carry it as the label
   * {@code io.github.etcdregistry.control-plane}: {@code docker ps --filter label=io.github.etcdregistry.control-plane=<id>}.
   */
  public String id() {
    return id;
  }

  /** The backend in use: never {@link Backend#AUTO} once started. */
  public Backend backend() {
    requireStarted();
    return resolvedBackend;
  }

  /** etcd's client URL from this JVM, e.g. {@code https://127.0.0.1:41234}. */
  public URI etcdEndpoint() {
    requireStarted();
    return etcd.clientUrl();
  }

  /** kube-apiserver's secure URL from this JVM. */
  public URI kubeApiServerUrl() {
    return requireKubeApiServer().url();
  }

  /** The flags kube-apiserver was started with. */
  public List<String> kubeApiServerFlags() {
    return requireKubeApiServer().flags();
  }

  /** The certificates and keys of this control plane, laid out like kubeadm's {@code /etc/kubernetes/pki}. */
  public ClusterPki pki() {
    requireStarted();
    return pki;
  }

  /** A kubeconfig for the admin (client certificate, {@code system:masters}): {@code kubectl --kubeconfig <path> get pods}. */
  public Path kubeconfig() {
    requireKubeApiServer();
    return kubeconfig;
  }

  /** The registry in etcd, read with kube-apiserver's own etcd client certificate. Closed with the control plane. */
  public EtcdRegistry registry() {
    requireStarted();
    return registry;
  }

  /** A jetcd client speaking mutual TLS to etcd. Closed with the control plane. */
  public Client etcdClient() {
    return registry().client();
  }

  /** A fabric8 client authenticated as the admin. Closed with the control plane. */
  public synchronized KubernetesClient kubernetesClient() {
    requireKubeApiServer();
    if (kubernetesClient == null) {
      Config config = new ConfigBuilder(Config.empty())
          .withMasterUrl(kubeApiServer.url().toString())
          .withCaCertFile(pki.caCert().toString())
          .withClientCertFile(pki.adminCert().toString())
          .withClientKeyFile(pki.adminKey().toString())
          .withClientKeyAlgo("EC") // the PKI is ECDSA; fabric8 would read the key as RSA
          .withNamespace("default")
          .build();
      kubernetesClient = new KubernetesClientBuilder().withConfig(config).build();
    }
    return kubernetesClient;
  }

  /** An {@code etcdctl} command line a person can paste to look at the same keys. */
  public String etcdctlCommand() {
    requireStarted();
    return "etcdctl --endpoints=" + etcd.clientUrl()
        + " --cacert=" + pki.etcdCaCert()
        + " --cert=" + pki.apiserverEtcdClientCert()
        + " --key=" + pki.apiserverEtcdClientKey()
        + " get " + registry.prefix() + " --prefix --keys-only";
  }

  /** The last lines etcd and kube-apiserver logged. */
  public String recentLogs() {
    requireStarted();
    return "etcd:" + System.lineSeparator() + etcd.recentLogs()
        + (kubeApiServer == null ? "" : System.lineSeparator() + "kube-apiserver:" + System.lineSeparator() + kubeApiServer.recentLogs())
        + (kubeControllerManager == null ? "" : System.lineSeparator() + "kube-controller-manager:" + System.lineSeparator()
            + kubeControllerManager.recentLogs());
  }

  public synchronized boolean isRunning() {
    return state == State.STARTED;
  }

  /** Stops kube-apiserver, then etcd, and removes every file, container and network; idempotent. */
  @Override
  public synchronized void close() {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    RuntimeException failure = stopAll(null);
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public String toString() {
    return "ControlPlane[" + id + ", " + state + (resolvedBackend == null ? "" : ", " + resolvedBackend)
        + (etcd == null ? "" : ", " + etcd) + (kubeApiServer == null ? "" : ", " + kubeApiServer) + "]";
  }

  /** Closes in reverse order of start; every step runs, the first error is thrown with the others suppressed. */
  private RuntimeException stopAll(RuntimeException cause) {
    RuntimeException failure = cause;
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new ControlPlaneException("Could not stop the control plane cleanly: " + e.getMessage(), e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    return cause == null ? failure : null;
  }

  private synchronized void closeKubernetesClient() {
    if (kubernetesClient != null) {
      kubernetesClient.close();
      kubernetesClient = null;
    }
  }

  /** The prefix kube-apiserver writes under: its default, unless the user's flags move it. */
  private String etcdPrefix() {
    return kubeApiServerFlags.stream().filter(flag -> flag.startsWith("--etcd-prefix="))
        .reduce((first, last) -> last).map(flag -> flag.substring("--etcd-prefix=".length()))
        .orElse(EtcdRegistry.DEFAULT_PREFIX);
  }

  private PkiRequest pkiRequest(String dockerHost) {
    PkiRequest request = PkiRequest.defaults()
        .withEtcdServerNames(ContainerEtcd.ALIAS)
        .withApiServerNames(ContainerKubeApiServer.ALIAS);
    if (!dockerHost.equals("127.0.0.1") && !dockerHost.equals("localhost")) {
      request = dockerHost.matches("[0-9.]+|[0-9a-fA-F:]+")
          ? request.withEtcdServerIps(dockerHost).withApiServerIps(dockerHost)
          : request.withEtcdServerNames(dockerHost).withApiServerNames(dockerHost);
    }
    return request;
  }

  private Duration startupTimeout() {
    if (startupTimeout != null) {
      return startupTimeout;
    }
    return settings.get(Settings.STARTUP_TIMEOUT).map(setting -> {
      try {
        return Duration.ofSeconds(Long.parseLong(setting.value()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(setting.source() + " must be a number of seconds, was '" + setting.value() + "'");
      }
    }).orElse(Duration.ofSeconds(60));
  }

  private DockerImageName image(DockerImageName explicit, String setting, String fallback) {
    if (explicit != null) {
      return explicit;
    }
    return DockerImageName.parse(settings.get(setting).map(Settings.Setting::value).orElse(fallback));
  }

  private Path binary(Path explicit, String setting, String name) {
    Path path;
    String source;
    if (explicit != null) {
      path = explicit;
      source = "the configured " + name + " binary";
    } else {
      Settings.Setting configured = settings.get(setting).orElseThrow(() -> new ControlPlaneException(
          "The process backend needs the " + name + " binary: set " + setting + " (or " + Settings.environmentName(setting)
              + ") to its path. control-plane/build prints it: eval \"$(control-plane/build)\"."));
      path = Path.of(configured.value());
      source = configured.source();
    }
    return KubernetesComponents.requireExecutable(path, source);
  }

  private static Path ownerOnlyTempDirectory() {
    try {
      return Files.createTempDirectory("etcd-registry-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new ControlPlaneException("Could not create a work directory: " + e.getMessage(), e);
    }
  }

  private void requireStarted() {
    if (state != State.STARTED) {
      throw new IllegalStateException("The control plane is " + state.name().toLowerCase(java.util.Locale.ROOT) + "; call start() first");
    }
  }

  private KubeApiServer requireKubeApiServer() {
    requireStarted();
    if (kubeApiServer == null) {
      throw new IllegalStateException("This control plane runs etcd only; ask for kube-apiserver with withKubeApiServer(true)"
          + " or @WithEtcdRegistry(kubeApiServer = true)");
    }
    return kubeApiServer;
  }

  private enum State { NEW, STARTED, CLOSED }
}
