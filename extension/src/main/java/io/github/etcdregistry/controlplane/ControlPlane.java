package io.github.etcdregistry.controlplane;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.github.etcdregistry.codec.EncryptionKeys;
import io.github.etcdregistry.pki.ClusterPki;
import io.github.etcdregistry.pki.PkiRequest;
import io.github.etcdregistry.pki.TlsFiles;
import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.registry.RegistryAccessException;
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
import java.util.Optional;
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

  /** kube-apiserver's /version answer holds {@code "gitVersion": "v1.37.2"}. */

  private Backend backend;
  private boolean withKubeApiServer;
  private boolean withKubeControllerManager;
  private int etcdMembers = 1;
  private DockerImageName etcdImage;
  private DockerImageName kubeApiServerImage;
  private DockerImageName kubeControllerManagerImage;
  private Path etcdBinary;
  private Path kubeApiServerBinary;
  private Path kubeControllerManagerBinary;
  private KubernetesVersion kubernetesVersion;
  private Duration startupTimeout;
  private String publishAddress;
  private EncryptionAtRest encryption = EncryptionAtRest.none();
  private List<String> kubeApiServerFlags = List.of();
  private Path snapshotToRestore;
  private final Settings settings;

  private final String id = java.util.UUID.randomUUID().toString().substring(0, 8);
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private State state = State.NEW;
  private Backend resolvedBackend;
  private ClusterPki pki;
  private Path workDirectory;
  private volatile EtcdServer etcd;
  private volatile KubeApiServer kubeApiServer;
  private volatile KubeControllerManager kubeControllerManager;
  private final ComponentWatch watch = new ComponentWatch(() -> java.util.stream.Stream.of(etcd, kubeApiServer, kubeControllerManager)
      .filter(Objects::nonNull).map(this::exitReport).toList());
  private EtcdRegistry registry;
  private Path kubeconfig;
  private KubernetesClient kubernetesClient;
  private AutoCloseable etcdClient; // an io.etcd.jetcd.Client, typed loosely: jetcd is optional
  private Network network;
  private DockerImageName apiServerImage;
  private Path apiServerExecutable;
  private DockerImageName controllerManagerImage;
  private Path controllerManagerExecutable;
  private BooleanSupplier etcdFailed = () -> false;
  private volatile boolean singleEtcdStopped; // a deliberate stop of the only member: no failure, but nothing answers
  private HttpsProbe adminProbe;
  private UserClients userClients;
  private ExistingCluster existing;
  private ReusedControlPlanes.Lease reused;
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

  /**
   * How many etcd members form the cluster: 1 (the default), or 3 or 5 for a real raft cluster that keeps serving
   * while a minority is down — see {@link #etcdMember(int)}. Each member has its own peer certificate from the etcd CA.
   */
  public ControlPlane withEtcdMembers(int members) {
    if (members < 1 || members % 2 == 0 || members > 7) {
      throw new IllegalArgumentException("etcd members must be 1, 3, 5 or 7, was " + members + ": an even count tolerates no more"
          + " failures than the odd count below it");
    }
    this.etcdMembers = members;
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

  /**
   * Starts etcd from a backup: a snapshot file taken with {@code etcdctl snapshot save} (or {@link #snapshot(Path)}),
   * restored with {@code etcdutl snapshot restore} into this control plane's work directory, which is removed on close.
   * Needs the process backend (chosen unless another is asked for) and etcdutl: {@code etcdregistry.etcdutl} or
   * {@code ETCDREGISTRY_ETCDUTL}.
   */
  public ControlPlane withRestoredSnapshot(Path snapshotFile) {
    Objects.requireNonNull(snapshotFile, "snapshotFile");
    if (!Files.isRegularFile(snapshotFile) || !Files.isReadable(snapshotFile)) {
      throw new IllegalArgumentException("The etcd snapshot " + snapshotFile.toAbsolutePath()
          + " is not a readable file; take one with: etcdctl snapshot save <file>");
    }
    this.snapshotToRestore = snapshotFile;
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
    StartupTimeout timeout = startupTimeout();
    resolvedBackend = snapshotToRestore != null && backend == null ? Backend.PROCESS : new BackendChoice(settings).resolve(backend, etcdBinary);
    if (resolvedBackend == Backend.EXISTING) {
      attachToExistingCluster(settings);
      return;
    }
    // reuse across runs (etcdregistry.reuse): attach to the control plane an earlier run left, or one started for later runs
    reused = ReusedControlPlanes.attach(reuseConfiguration(), resolvedBackend, settings).orElse(null);
    if (reused != null) {
      started.push(reused);
      resolvedBackend = Backend.EXISTING;
      attachToExistingCluster(reused.state().settings());
      runningVersion = KubernetesVersion.parse(reused.state().kubernetesVersion());
      return;
    }
    boolean containers = resolvedBackend == Backend.CONTAINER;
    if (containers && snapshotToRestore != null) {
      throw new ControlPlaneException("A snapshot is restored with the process backend only (etcdutl runs on this machine);"
          + " drop withBackend(CONTAINER) or set etcdregistry.backend=process");
    }
    Path etcdutl = snapshotToRestore == null ? null : binary(null, Settings.ETCDUTL, "etcdutl");
    DockerImageName etcdImageName = containers ? image(etcdImage, Settings.ETCD_IMAGE, DEFAULT_ETCD_IMAGE) : null;
    Path etcdExecutable = containers ? null : binary(etcdBinary, Settings.ETCD_BINARY, "etcd");
    KubernetesComponents components = new KubernetesComponents(settings);
    runningVersion = components.version(kubernetesVersion); // until kube-apiserver reports its own
    if (withKubeApiServer) {
      resolveKubernetesComponents(components, kubeApiServerBinary, kubeApiServerImage, kubeControllerManagerBinary,
          kubeControllerManagerImage, kubernetesVersion);
    }

    Leftovers.reapDirectories(); // a JVM killed with SIGKILL ran no shutdown hook
    if (containers) {
      Leftovers.reapDocker(org.testcontainers.DockerClientFactory.instance().client());
    }
    workDirectory = ownerOnlyTempDirectory();
    started.push(() -> Directories.deleteRecursively(workDirectory));
    Owner.current().mark(workDirectory);
    String dockerHost = containers ? org.testcontainers.DockerClientFactory.instance().dockerHostIpAddress() : "127.0.0.1";
    publishAddress = settings.get(Settings.PUBLISH_ADDRESS).map(Settings.Setting::value)
        .orElse(local(dockerHost) ? "127.0.0.1" : "0.0.0.0"); // a remote Docker host is reached on its own address
    pki = ClusterPki.generate(pkiRequest(dockerHost));
    started.push(pki);
    Owner.current().mark(pki.directory());
    HttpsProbe etcdProbe = new HttpsProbe(TlsFiles.clientSslContext(pki.etcdCaCert(), pki.apiserverEtcdClientCert(), pki.apiserverEtcdClientKey()));

    if (containers && (withKubeApiServer || etcdMembers > 1)) {
      network = Network.builder().createNetworkCmdModifier(cmd -> cmd.withLabels(ComponentContainer.labels(id, java.util.Map.of())))
          .build();
      Network created = network;
      started.push(created::close);
    }
    if (etcdMembers > 1) {
      etcd = etcdCluster(containers, etcdImageName, etcdExecutable, etcdProbe);
    } else if (containers) {
      etcd = new ContainerEtcd(etcdImageName, pki, network, etcdProbe, id, publishAddress);
    } else {
      Path restored = snapshotToRestore == null ? null
          : EtcdutlRestore.restore(etcdutl, snapshotToRestore, workDirectory.resolve("etcd-restored"), timeout.duration());
      etcd = new ProcessEtcd(etcdExecutable, pki, workDirectory, etcdProbe, restored);
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

    EtcdRegistry.Builder registryBuilder = EtcdRegistry.builder()
        .endpoints(etcd.clientUrls().stream().map(URI::toString).toArray(String[]::new))
        .trustedCa(pki.etcdCaCert())
        .clientCertificate(pki.apiserverEtcdClientCert(), pki.apiserverEtcdClientKey())
        .encryptionKeys(encryption.keys())
        .prefix(etcdPrefix())
        .unavailableWhen(this::unavailable);
    // decode with the running version's own schemas when they were built; client-java-proto's otherwise
    KubernetesSchemas.descriptorSet(settings, runningVersion.toString()).ifPresent(registryBuilder::schemas);
    registry = registryBuilder.build();
    started.push(registry);
    started.push(this::closeKubernetesClient);

    if (withKubeControllerManager) {
      startKubeControllerManager(timeout);
    }
  }

  /** Members on ports (processes) or names (containers) chosen up front: each must know every other's peer URL. */
  private EtcdCluster etcdCluster(boolean containers, DockerImageName image, Path executable, HttpsProbe probe) {
    List<String> names = new java.util.ArrayList<>();
    List<String> peerUrls = new java.util.ArrayList<>();
    List<int[]> ports = new java.util.ArrayList<>();
    for (int i = 0; i < etcdMembers; i++) {
      String name = EtcdCluster.memberName(i);
      names.add(name);
      pki.issueEtcdPeerCertificate(name, List.of(), List.of());
      int[] clientAndPeer = containers
          ? new int[] {EtcdFlags.CLIENT_PORT, EtcdFlags.PEER_PORT}
          : new int[] {FreePorts.next(), FreePorts.next()};
      ports.add(clientAndPeer);
      peerUrls.add("https://" + (containers ? name : "127.0.0.1") + ":" + clientAndPeer[1]);
    }
    String initialCluster = EtcdCluster.initialCluster(names, peerUrls);
    PkiPaths files = containers ? PkiPaths.inContainer() : PkiPaths.onHost(pki);
    List<RestartableEtcd> members = new java.util.ArrayList<>();
    for (int i = 0; i < etcdMembers; i++) {
      EtcdFlags.Member member = EtcdFlags.Member.ofCluster(names.get(i), containers ? names.get(i) : "127.0.0.1", initialCluster, files);
      members.add(containers
          ? new ContainerEtcd(image, pki, network, probe, id, publishAddress, member)
          : new ProcessEtcd(executable, pki, workDirectory, probe, null, member, ports.get(i)[0], ports.get(i)[1]));
    }
    return new EtcdCluster(members);
  }

  /** Nothing starts: etcd and kube-apiserver are another's, this control plane only connects to them. */
  private void attachToExistingCluster(Settings from) {
    existing = ExistingCluster.attach(from);
    started.push(existing);
    etcd = existing.etcd();
    kubeApiServer = existing.kubeApiServer();
    kubeconfig = existing.kubeconfig();
    registry = existing.registry();
  }

  /**
   * The settings ({@code etcdregistry.existing.*}) that let another JVM attach to this running control plane with
   * {@link Backend#EXISTING}: {@code -Detcdregistry.existing.kubeconfig=...} and the rest.
   */
  public java.util.Map<String, String> existingClusterSettings() {
    requireKubeApiServer();
    if (reused != null) {
      return reused.state().attachSettings();
    }
    if (existing != null) {
      throw new IllegalStateException("This control plane is itself attached to an existing cluster; use that cluster's settings");
    }
    return ExistingCluster.settingsFor(this);
  }

  private void startKubeControllerManager(StartupTimeout timeout) {
    kubeControllerManager = resolvedBackend == Backend.CONTAINER
        ? new ContainerKubeControllerManager(controllerManagerImage, pki, network, adminProbe, kubeApiServer.url(), id, publishAddress)
        : new ProcessKubeControllerManager(controllerManagerExecutable, pki, workDirectory, kubeconfig, adminProbe, kubeApiServer.url());
    started.push(kubeControllerManager);
    kubeControllerManager.start(timeout);
  }

  /**
   * Starts the etcd and kube-apiserver containers side by side: each takes hundreds of milliseconds in Docker
   * before its process even runs. When both fail, etcd's failure is the cause worth reading.
   */
  private void startConcurrently(StartupTimeout timeout) {
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

  private void startKubeApiServer(StartupTimeout timeout) {
    Path encryptionConfig = encryption.writeConfiguration(workDirectory);
    kubeApiServer = resolvedBackend == Backend.CONTAINER
        ? new ContainerKubeApiServer(apiServerImage, pki, network, adminProbe, etcd.etcdServersForApiServer(), encryptionConfig,
            kubeApiServerFlags, id, publishAddress, () -> !etcdFailed.getAsBoolean())
        : new ProcessKubeApiServer(apiServerExecutable, pki, workDirectory, adminProbe, etcd.etcdServersForApiServer(), encryptionConfig,
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
    requireOwnCluster("kube-apiserver is not restarted from here");
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
    requireOwnCluster("kube-apiserver is not restarted from here");
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
   * Saves a snapshot of etcd to {@code file} — the same file {@code etcdctl snapshot save} writes, readable only by
   * its owner since it holds every Secret. Returns the file.
   */
  public Path snapshot(Path file) {
    requireStarted();
    Path target = file.toAbsolutePath();
    Path partial = target.resolveSibling(target.getFileName() + ".part");
    try {
      Files.createDirectories(target.getParent());
      Files.deleteIfExists(partial);
      Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (java.io.OutputStream out = Files.newOutputStream(partial)) {
        registry().writeSnapshot(out, startupTimeout().duration());
      }
      return Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RegistryAccessException e) {
      throw new ControlPlaneException("Could not save an etcd snapshot to " + target + ": " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(partial);
      } catch (IOException ignored) {
        // best effort: the partial file of a failed save
      }
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

  /**
   * Stops every control plane kept running for reuse across runs ({@code etcdregistry.reuse}) under this machine's cache
   * directory, and removes its files; returns how many there were. They also stop by themselves once unused for
   * {@code etcdregistry.reuse.idle-timeout} (30 minutes by default).
   */
  public static int stopReused() {
    return ReusedControlPlanes.stopAll(Settings.fromSystem());
  }

  /** What reuse across runs hashes and starts again: every value code can set. */
  ReuseConfiguration reuseConfiguration() {
    return new ReuseConfiguration(backend, withKubeApiServer, withKubeControllerManager, etcdMembers, etcdImage, kubeApiServerImage,
        kubeControllerManagerImage, etcdBinary, kubeApiServerBinary, kubeControllerManagerBinary, kubernetesVersion, startupTimeout,
        encryption, kubeApiServerFlags, snapshotToRestore);
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

  /**
   * Member {@code index} of etcd ({@code 0} with a single member), to stop and start again: with three members,
   * kube-apiserver keeps writing while one is down; with two down, reads and writes fail naming the lost quorum.
   */
  public EtcdMember etcdMember(int index) {
    requireStarted();
    requireOwnCluster("its etcd members are not stopped or started from here");
    List<RestartableEtcd> members = etcd instanceof EtcdCluster cluster ? cluster.members() : List.of((RestartableEtcd) etcd);
    if (index < 0 || index >= members.size()) {
      throw new IndexOutOfBoundsException("etcd has " + members.size() + " member(s), numbered from 0; ask for more with"
          + " withEtcdMembers(3) or @WithEtcdRegistry(etcdMembers = 3)");
    }
    RestartableEtcd member = members.get(index);
    StartupTimeout timeout = startupTimeout();
    return new EtcdMember() {
      @Override
      public String name() {
        return member.name();
      }

      @Override
      public URI clientUrl() {
        return member.clientUrl();
      }

      @Override
      public boolean isRunning() {
        return member.isRunning();
      }

      @Override
      public void stop() {
        singleEtcdStopped = !(etcd instanceof EtcdCluster);
        member.stop();
        if (etcd instanceof EtcdCluster cluster && cluster.quorumProblem().isEmpty()) {
          awaitLeader(cluster, timeout);
        }
      }

      @Override
      public void start() {
        member.restart(timeout);
        singleEtcdStopped = false;
      }

      @Override
      public String toString() {
        return member.toString();
      }
    };
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
    requireOwnCluster("its certificates are not known here");
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

  /**
   * A jetcd client speaking mutual TLS to etcd, with kube-apiserver's etcd client certificate. Closed with the control
   * plane. Needs {@code io.etcd:jetcd-core} (0.8.6 or newer) on the classpath: the library's own copy is relocated.
   */
  public synchronized io.etcd.jetcd.Client etcdClient() {
    requireStarted();
    if (etcdClient == null) {
      etcdClient = JetcdClients.connect(this);
    }
    return (io.etcd.jetcd.Client) etcdClient;
  }

  /** A fabric8 client authenticated as the admin. Closed with the control plane. */
  public synchronized KubernetesClient kubernetesClient() {
    requireKubeApiServer();
    if (existing != null) {
      return existing.kubernetesClient();
    }
    if (kubernetesClient == null) {
      Config config = new ConfigBuilder(Config.empty())
          .withMasterUrl(kubeApiServer.url().toString())
          .withCaCertFile(pki.caCert().toString())
          .withClientCertFile(pki.adminCert().toString())
          .withClientKeyFile(pki.adminKey().toString())
          .withClientKeyAlgo("EC") // the PKI is ECDSA; fabric8 would read the key as RSA
          .withNamespace("default")
          // a dead kube-apiserver must fail a call in seconds: fabric8 alone retries 10 times with a growing backoff
          .withConnectionTimeout(settings.number(Settings.CLIENT_CONNECT_TIMEOUT, 2_000))
          .withRequestTimeout(settings.number(Settings.CLIENT_REQUEST_TIMEOUT, 10_000))
          // no retry by default: fabric8 7.x runs a retry on a scheduler that drops an interceptor's exception, so the
          // call that should fail with the component's exit would hang instead
          .withRequestRetryBackoffLimit(settings.number(Settings.CLIENT_RETRIES, 0))
          .withRequestRetryBackoffInterval(200)
          .build();
      // the JDK's HTTP client: whatever Vert.x the user's build has, the injected client does not depend on it
      kubernetesClient = new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new JdkHttpClientFactory())
          .withHttpClientBuilderConsumer(http -> http.addOrReplaceInterceptor("etcd-registry-watch", new FailFast()))
          .build();
    }
    return kubernetesClient;
  }

  /**
   * A fabric8 client authenticated as {@code user} in {@code groups}, by a client certificate the cluster CA signs
   * (CN = user, O = groups), for RBAC tests: {@code clientFor("alice", "dev-team")} is forbidden everything until a
   * RoleBinding grants it. Closed with the control plane; after {@link #reconfigureEncryption} ask again.
   */
  public synchronized KubernetesClient clientFor(String user, String... groups) {
    KubeApiServer apiServer = requireKubeApiServer();
    requireOwnCluster("its CA's private key, which signs user certificates, is not known here");
    if (userClients == null) {
      userClients = new UserClients();
      started.push(userClients); // closed before kube-apiserver stops
    }
    return userClients.clientFor(pki, apiServer.url(), user, groups);
  }

  /** An {@code etcdctl} command line a person can paste to look at the same keys. */
  public String etcdctlCommand() {
    requireStarted();
    if (existing != null) {
      return existing.etcdctlCommand();
    }
    return "etcdctl --endpoints=" + etcd.clientUrl()
        + " --cacert=" + pki.etcdCaCert()
        + " --cert=" + pki.apiserverEtcdClientCert()
        + " --key=" + pki.apiserverEtcdClientKey()
        + " get " + registry.prefix() + " --prefix --keys-only";
  }

  /** The last lines etcd and kube-apiserver logged; also once a component has exited. */
  public String recentLogs() {
    if (state != State.STARTED) {
      requireStarted();
    }
    return "etcd:" + System.lineSeparator() + etcd.recentLogs()
        + (kubeApiServer == null ? "" : System.lineSeparator() + "kube-apiserver:" + System.lineSeparator() + kubeApiServer.recentLogs())
        + (kubeControllerManager == null ? "" : System.lineSeparator() + "kube-controller-manager:" + System.lineSeparator()
            + kubeControllerManager.recentLogs());
  }

  /** True once started, until closed, one of its components has exited, or etcd has lost its quorum. */
  public synchronized boolean isRunning() {
    return state == State.STARTED && unavailable().isEmpty();
  }

  /** Why etcd or kube-apiserver cannot answer now: a component exited (for good), or etcd lost its quorum (until restarted). */
  private Optional<String> unavailable() {
    Optional<String> failure = watch.failure();
    if (failure.isPresent()) {
      return failure;
    }
    if (etcd instanceof EtcdCluster cluster) {
      return cluster.quorumProblem();
    }
    return singleEtcdStopped
        ? Optional.of("etcd was stopped with etcdMember(0).stop(); start it again with controlPlane.etcdMember(0).start()")
        : Optional.empty();
  }

  /** Stops kube-apiserver, then etcd, and removes every file, container and network; idempotent. */
  @Override
  public synchronized void close() {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    closeKubernetesClient();
    closeEtcdClient();
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

  private synchronized void closeEtcdClient() {
    if (etcdClient != null) {
      try {
        etcdClient.close();
      } catch (Exception e) {
        // the jetcd client holds no state worth a failure at stop
      }
      etcdClient = null;
    }
  }

  /** The prefix kube-apiserver writes under: its default, unless the user's flags move it. */
  private String etcdPrefix() {
    return kubeApiServerFlags.stream().filter(flag -> flag.startsWith("--etcd-prefix="))
        .reduce((first, last) -> last).map(flag -> flag.substring("--etcd-prefix=".length()))
        .orElse(EtcdRegistry.DEFAULT_PREFIX);
  }

  private static boolean local(String dockerHost) {
    return dockerHost.equals("127.0.0.1") || dockerHost.equals("localhost");
  }

  private PkiRequest pkiRequest(String dockerHost) {
    PkiRequest request = PkiRequest.defaults()
        .withEtcdServerNames(java.util.stream.Stream.concat(java.util.stream.Stream.of(ContainerEtcd.ALIAS),
            java.util.stream.IntStream.range(0, etcdMembers).mapToObj(EtcdCluster::memberName)).toArray(String[]::new))
        .withApiServerNames(ContainerKubeApiServer.ALIAS);
    if (!local(dockerHost)) {
      request = dockerHost.matches("[0-9.]+|[0-9a-fA-F:]+")
          ? request.withEtcdServerIps(dockerHost).withApiServerIps(dockerHost)
          : request.withEtcdServerNames(dockerHost).withApiServerNames(dockerHost);
    }
    return request;
  }

  /** The timeout with the knob that set it: code or the annotation win over the property, which wins over the default. */
  private StartupTimeout startupTimeout() {
    if (startupTimeout != null) {
      return new StartupTimeout(startupTimeout, "@WithEtcdRegistry(startupTimeoutSeconds = ...) or ControlPlane.withStartupTimeout(...),"
          + " whichever set it; " + Settings.STARTUP_TIMEOUT + " does not apply then");
    }
    String anyKnob = " or @WithEtcdRegistry(startupTimeoutSeconds = ...)";
    return settings.get(Settings.STARTUP_TIMEOUT).map(setting -> {
      try {
        return new StartupTimeout(Duration.ofSeconds(Long.parseLong(setting.value())), setting.source() + "=<seconds>" + anyKnob);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(setting.source() + " must be a number of seconds, was '" + setting.value() + "'");
      }
    }).orElse(new StartupTimeout(Duration.ofSeconds(60), "-D" + Settings.STARTUP_TIMEOUT + "=<seconds> (environment "
        + Settings.environmentName(Settings.STARTUP_TIMEOUT) + ")" + anyKnob));
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
    String fix = explicit != null ? "fix the path given to the control plane" : "fix " + source;
    if (!Files.isRegularFile(path)) {
      throw new ControlPlaneException(source + " points at " + path + ", which is not an executable file: it does not exist. Build it with"
          + " eval \"$(control-plane/build)\" (which sets " + Settings.environmentName(setting) + "), or " + fix + ".");
    }
    if (!Files.isExecutable(path)) {
      throw new ControlPlaneException(source + " points at " + path + ", which is not an executable file: it may not be run."
          + " Make it executable (chmod +x " + path + "), or " + fix + ".");
    }
    return path;
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
    watch.failure().ifPresent(failure -> {
      throw new ControlPlaneException(brokenMessage(failure));
    });
  }

  private static String brokenMessage(String failure) {
    return "The control plane is broken: " + failure;
  }

  private Optional<String> exitReport(AutoCloseable component) {
    if (state != State.STARTED) {
      return Optional.empty(); // starting: each start reports its own failure; closing: ends are deliberate
    }
    if (component instanceof EtcdServer server) {
      return server.exitReport();
    }
    if (component instanceof KubeApiServer server) {
      return server.exitReport();
    }
    return ((KubeControllerManager) component).exitReport();
  }

  private void requireOwnCluster(String why) {
    if (reused != null) {
      throw new IllegalStateException("This control plane is reused across runs (etcdregistry.reuse=true): it runs on for later"
          + " runs and is shared with them, so it is not changed from here: " + why + ". A test that needs a control plane of its"
          + " own runs without reuse (-Detcdregistry.reuse=false)");
    }
    if (existing != null) {
      throw new IllegalStateException("This control plane is attached to an existing cluster (backend EXISTING): " + why);
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

  /** Fails each request of the injected client at once, with how the component ended, once one has exited. */
  private final class FailFast implements io.fabric8.kubernetes.client.http.Interceptor {
    @Override
    public void before(io.fabric8.kubernetes.client.http.BasicBuilder builder, io.fabric8.kubernetes.client.http.HttpRequest request,
        RequestTags tags) {
      Optional<String> failure = unavailable();
      if (failure.isEmpty() && refusesConnections(request.uri())) {
        failure = awaitUnavailable(); // it may have died a moment ago: give its watch the time to see it
      }
      failure.ifPresent(reason -> {
        throw new io.fabric8.kubernetes.client.KubernetesClientException(brokenMessage(reason));
      });
    }
  }

  /**
   * Returns once a running member reports itself healthy, which etcd does only while the cluster has a leader: when
   * the stopped member led, the others elect a new one first, and a write made meanwhile fails ("request timed out,
   * possibly due to previous leader failure"). Gives up quietly at the timeout; the next call then says what is wrong.
   */
  private void awaitLeader(EtcdCluster cluster, StartupTimeout timeout) {
    HttpsProbe probe = new HttpsProbe(TlsFiles.clientSslContext(pki.etcdCaCert(), pki.apiserverEtcdClientCert(), pki.apiserverEtcdClientKey()));
    long deadline = System.nanoTime() + timeout.duration().toNanos();
    while (System.nanoTime() < deadline) {
      for (RestartableEtcd member : cluster.members()) {
        if (member.isRunning() && EtcdFlags.healthy(probe, member.clientUrl())) {
          return;
        }
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Whether nothing accepts connections at the URI's host and port any more. */
  private static boolean refusesConnections(URI uri) {
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()), 500);
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  /** The reason a component is down, waiting up to a second for the watch to notice an exit. */
  private Optional<String> awaitUnavailable() {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(1);
    Optional<String> failure = unavailable();
    while (failure.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      failure = unavailable();
    }
    return failure;
  }

  private enum State { NEW, STARTED, CLOSED }
}
