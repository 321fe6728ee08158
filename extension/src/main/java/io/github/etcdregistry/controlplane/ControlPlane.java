package io.github.etcdregistry.controlplane;

import io.etcd.jetcd.Client;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.binaries.Binaries;
import io.github.etcdregistry.binaries.Bundle;
import io.github.etcdregistry.binaries.Platform;
import io.github.etcdregistry.pki.ClusterPki;
import io.github.etcdregistry.registry.EtcdRegistry;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
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
 *
 * <p>This class only composes the parts and owns their lifecycle: {@code ComponentSpec} resolves what runs, a
 * {@code ComponentFactory} per backend creates the components in a {@code Workspace}, {@code KubernetesStage} runs
 * kube-apiserver and kube-controller-manager, {@code EtcdMembers} stops and starts etcd members, {@code AdminClient}
 * builds the admin client. It is longer than the package's other classes because it is the public API: some forty
 * public methods, each a few lines with its documentation, that check the state and hand over to a part.
 */
public final class ControlPlane implements AutoCloseable {

  /** Where etcd's official images are; {@code etcdregistry.image-registry} names a mirror of it. */
  static final String OFFICIAL_ETCD_REPOSITORY = "gcr.io/etcd-development/";
  /** The official image of the etcd version that runs by default, when no local binary can be made into an image. */
  public static final String DEFAULT_ETCD_IMAGE = OFFICIAL_ETCD_REPOSITORY + "etcd:" + DefaultVersions.ETCD;

  private final Settings settings;
  private final ControlPlaneOptions options = new ControlPlaneOptions();
  private final String id = UUID.randomUUID().toString().substring(0, 8);
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final ComponentWatch watch = new ComponentWatch(this::exitReports);
  private State state = State.NEW;
  private ComponentSpec spec;
  private Workspace workspace;
  private volatile EtcdServer etcd;
  private EtcdMembers etcdMembers;
  private volatile KubernetesStage kubernetes;
  private EtcdRegistry registry;
  private KubernetesClient kubernetesClient;
  private AutoCloseable etcdClient; // a jetcd Client, typed loosely: jetcd is optional
  private UserClients userClients;
  private ExistingCluster existing;
  private ReusedControlPlanes.Lease reused;

  public ControlPlane() {
    this(Settings.fromSystem());
  }

  ControlPlane(Settings settings) {
    this.settings = settings;
  }

  /** Containers, local processes, or {@link Backend#AUTO} (the default, also from {@code etcdregistry.backend}). */
  public ControlPlane withBackend(Backend value) {
    unstarted("withBackend").backend = Objects.requireNonNull(value, "backend");
    return this;
  }

  /** Also start kube-apiserver against etcd. */
  public ControlPlane withKubeApiServer(boolean value) {
    unstarted("withKubeApiServer").kubeApiServer = value;
    return this;
  }

  /**
   * Also run kube-controller-manager (implies kube-apiserver), so that controllers act as in a cluster:
   * Endpoints follow Services, ReplicaSets follow Deployments, ControllerRevisions follow DaemonSets and
   * StatefulSets, namespaces get their default ServiceAccount. No scheduler or kubelet runs: Pods stay Pending.
   */
  public ControlPlane withKubeControllerManager(boolean value) {
    unstarted("withKubeControllerManager").kubeControllerManager = value;
    if (value) {
      unstarted("withKubeControllerManager").kubeApiServer = true;
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
    unstarted("withEtcdMembers").etcdMembers = members;
    return this;
  }

  public ControlPlane withKubeControllerManagerImage(DockerImageName image) {
    unstarted("withKubeControllerManagerImage").kubeControllerManagerImage = Objects.requireNonNull(image, "image");
    return this;
  }

  public ControlPlane withKubeControllerManagerBinary(Path binary) {
    unstarted("withKubeControllerManagerBinary").kubeControllerManagerBinary = Objects.requireNonNull(binary, "binary");
    return this;
  }

  /**
   * The Kubernetes release whose kube-apiserver and kube-controller-manager run: {@code "1.36"} (its latest known
   * patch) or {@code "1.36.3"}. Default: {@code etcdregistry.kubernetes.version}, else {@link KubernetesVersion#DEFAULT}.
   * The process backend runs that version's binaries from the cache or the binary artifacts on the class path; the
   * container backend an image built here from them, else {@code registry.k8s.io/kube-apiserver:v1.36.3}. A binary or
   * image set explicitly still wins.
   */
  public ControlPlane withKubernetesVersion(String version) {
    unstarted("withKubernetesVersion").kubernetesVersion = KubernetesVersion.parse(version);
    return this;
  }

  public ControlPlane withEtcdImage(DockerImageName image) {
    unstarted("withEtcdImage").etcdImage = Objects.requireNonNull(image, "image");
    return this;
  }

  public ControlPlane withKubeApiServerImage(DockerImageName image) {
    unstarted("withKubeApiServerImage").kubeApiServerImage = Objects.requireNonNull(image, "image");
    return this;
  }

  public ControlPlane withEtcdBinary(Path binary) {
    unstarted("withEtcdBinary").etcdBinary = Objects.requireNonNull(binary, "binary");
    return this;
  }

  public ControlPlane withKubeApiServerBinary(Path binary) {
    unstarted("withKubeApiServerBinary").kubeApiServerBinary = Objects.requireNonNull(binary, "binary");
    return this;
  }

  /** How long each component may take to become ready (default 60 s, or {@code etcdregistry.startup-timeout} seconds). */
  public ControlPlane withStartupTimeout(Duration timeout) {
    unstarted("withStartupTimeout").startupTimeout = Objects.requireNonNull(timeout, "timeout");
    return this;
  }

  /**
   * More etcd flags, after (and so over) the ones this class sets, for every member: {@code --max-request-bytes=...},
   * {@code --quota-backend-bytes=...}, {@code --auto-compaction-retention=...}. Flags that would change its TLS, PKI,
   * ports, data directory or members are refused, since the control plane relies on them.
   */
  public ControlPlane withEtcdFlags(String... flags) {
    List<String> extra = Arrays.asList(flags.clone());
    EtcdFlags.checkExtra(extra);
    unstarted("withEtcdFlags").etcdFlags = List.copyOf(extra);
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
    unstarted("withKubeApiServerFlags").kubeApiServerFlags = List.of(flags);
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
    unstarted("withRestoredSnapshot").snapshotToRestore = snapshotFile;
    return this;
  }

  /** Encryption at rest for kube-apiserver: generated keys for a provider, or the user's own configuration file. */
  public ControlPlane withEncryption(EncryptionAtRest value) {
    unstarted("withEncryption").encryption = Objects.requireNonNull(value, "encryption");
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
    spec = ComponentSpec.resolve(options, settings);
    if (spec.backend() == Backend.EXISTING) {
      attachToExistingCluster(settings);
      return;
    }
    // reuse across runs (etcdregistry.reuse): attach to the control plane an earlier run left, or one started for later runs
    reused = ReusedControlPlanes.attach(reuseConfiguration(), spec.backend(), settings).orElse(null);
    if (reused != null) {
      started.push(reused);
      attachToExistingCluster(reused.state().settings());
      return;
    }
    workspace = Workspace.prepare(spec, settings);
    started.push(workspace);
    ComponentFactory factory = ComponentFactory.of(spec, workspace, id);
    started.push(factory);
    HttpsProbe etcdProbe = workspace.etcdProbe();
    etcd = factory.etcd(spec, etcdProbe);
    started.push(etcd);
    etcdMembers = new EtcdMembers(etcd, etcdProbe, spec.timeout());
    KubernetesStage stage = spec.kubeApiServer() ? new KubernetesStage(factory, spec, workspace, etcd) : null;
    if (stage != null) {
      kubernetes = stage;
      started.push(stage);
    }
    factory.start(etcd, stage == null ? null : etcdUsable -> stage.startKubeApiServer(options.encryption, etcdUsable), spec.timeout());

    EtcdRegistry.Builder registryBuilder = EtcdRegistry.builder()
        .endpoints(etcd.clientUrls().stream().map(URI::toString).toArray(String[]::new))
        .trustedCa(workspace.pki().etcdCaCert())
        .clientCertificate(workspace.pki().apiserverEtcdClientCert(), workspace.pki().apiserverEtcdClientKey())
        .encryptionKeys(options.encryption.keys())
        .prefix(spec.etcdPrefix())
        .unavailableWhen(this::unavailable);
    // decode with the running version's own schemas when they were built; client-java-proto's otherwise
    KubernetesSchemas.descriptorSet(settings, runningVersion().toString()).ifPresent(registryBuilder::schemas);
    registry = registryBuilder.build();
    started.push(registry);
    started.push(this::closeKubernetesClient);

    if (spec.kubeControllerManager()) {
      stage.startKubeControllerManager();
    }
  }

  /** Nothing starts: etcd and kube-apiserver are another's, this control plane only connects to them. */
  private void attachToExistingCluster(Settings from) {
    existing = ExistingCluster.attach(from);
    started.push(existing);
    etcd = existing.etcd();
    etcdMembers = new EtcdMembers(etcd, null, spec.timeout());
    registry = existing.registry();
  }

  /**
   * The settings ({@code etcdregistry.existing.*}) that let another JVM attach to this running control plane with
   * {@link Backend#EXISTING}: {@code -Detcdregistry.existing.kubeconfig=...} and the rest.
   */
  public Map<String, String> existingClusterSettings() {
    requireKubeApiServer();
    if (reused != null) {
      return reused.state().attachSettings();
    }
    if (existing != null) {
      throw new IllegalStateException("This control plane is itself attached to an existing cluster; use that cluster's settings");
    }
    return ExistingCluster.settingsFor(this);
  }

  /**
   * Restarts kube-apiserver with {@code next} encryption — a key rotation is {@code current.writingWith("key2")}.
   * etcd and its data stay; kube-apiserver's URL may change, so take {@link #kubernetesClient()} again afterwards.
   * The keys must stay the same set (only their order changes), since the registry reads with them.
   */
  public synchronized void reconfigureEncryption(EncryptionAtRest next) {
    requireKubeApiServer();
    requireOwnCluster("kube-apiserver is not restarted from here");
    if (!next.hasSameKeysAs(options.encryption)) {
      throw new IllegalArgumentException("Rotate with the same keys in another order, e.g. encryption.writingWith(\"key2\");"
          + " the registry decodes with the keys it was started with");
    }
    options.encryption = next;
    closeKubernetesClient();
    kubernetes.restart(next);
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
    ComponentSpec next = kubernetes.spec().withKubernetesVersion(settings, KubernetesVersion.parse(version));
    closeKubernetesClient();
    kubernetes.switchRelease(next, options.encryption);
  }

  /**
   * Saves a snapshot of etcd to {@code file} — the same file {@code etcdctl snapshot save} writes, readable only by
   * its owner since it holds every Secret. Returns the file.
   */
  public Path snapshot(Path file) {
    requireStarted();
    return SnapshotFile.save(registry(), file, spec.timeout().duration());
  }

  /**
   * The Kubernetes release this control plane runs, as kube-apiserver reports it on {@code /version}; with etcd
   * alone, the version configured (see {@link #withKubernetesVersion(String)}), whose schemas fit what it stores.
   */
  public KubernetesVersion kubernetesVersion() {
    requireStarted();
    return runningVersion();
  }

  /** The encryption at rest kube-apiserver runs with. */
  public EncryptionAtRest encryption() {
    return options.encryption;
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
    ControlPlaneOptions o = options;
    return new ReuseConfiguration(o.backend, o.kubeApiServer, o.kubeControllerManager, o.etcdMembers, o.etcdImage, o.kubeApiServerImage,
        o.kubeControllerManagerImage, o.etcdBinary, o.kubeApiServerBinary, o.kubeControllerManagerBinary, o.kubernetesVersion,
        o.startupTimeout, o.encryption, o.etcdFlags, o.kubeApiServerFlags, o.snapshotToRestore);
  }

  /** The backend in use: never {@link Backend#AUTO} once started. */
  public Backend backend() {
    requireStarted();
    return reused != null ? Backend.EXISTING : spec.backend();
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
    return etcdMembers.member(index);
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
    return workspace.pki();
  }

  /** A kubeconfig for the admin (client certificate, {@code system:masters}): {@code kubectl --kubeconfig <path> get pods}. */
  public Path kubeconfig() {
    requireKubeApiServer();
    return existing != null ? existing.kubeconfig() : kubernetes.kubeconfig();
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
  public synchronized Client etcdClient() {
    requireStarted();
    if (etcdClient == null) {
      etcdClient = JetcdClients.connect(this);
    }
    return (Client) etcdClient;
  }

  /** A fabric8 client authenticated as the admin. Closed with the control plane. */
  public synchronized KubernetesClient kubernetesClient() {
    KubeApiServer apiServer = requireKubeApiServer();
    if (existing != null) {
      return existing.kubernetesClient();
    }
    if (kubernetesClient == null) {
      kubernetesClient = AdminClient.connect(apiServer.url(), workspace.pki(), settings, this::unavailable);
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
    return userClients.clientFor(workspace.pki(), apiServer.url(), user, groups);
  }

  /**
   * An {@code etcdctl} command line a person can paste to look at the same keys: the etcdctl that came with etcd's
   * binary when there is one beside it, else the one on the PATH.
   */
  public String etcdctlCommand() {
    requireStarted();
    if (existing != null) {
      return existing.etcdctlCommand();
    }
    ClusterPki pki = workspace.pki();
    String etcdctl = Optional.ofNullable(spec.etcdBinary()).map(binary -> binary.resolveSibling("etcdctl")).filter(Files::isExecutable)
        .or(this::etcdctlOfThisPlatform).map(Path::toString).orElse("etcdctl");
    return etcdctl + " --endpoints=" + etcd.clientUrl()
        + " --cacert=" + pki.etcdCaCert()
        + " --cert=" + pki.apiserverEtcdClientCert()
        + " --key=" + pki.apiserverEtcdClientKey()
        + " get " + registry.prefix() + " --prefix --keys-only";
  }

  /** The etcdctl of the default etcd's binaries for this machine, when the cache or the class path has them. */
  private Optional<Path> etcdctlOfThisPlatform() {
    Binaries binaries = new Binaries(settings.cacheDirectory());
    return binaries.has(Bundle.ETCD, DefaultVersions.ETCD, Platform.current())
        ? Optional.of(binaries.executable(Bundle.ETCD, "etcdctl", DefaultVersions.ETCD, Platform.current())) : Optional.empty();
  }

  /** The last lines etcd and kube-apiserver logged; also once a component has exited. */
  public String recentLogs() {
    if (state != State.STARTED) {
      requireStarted();
    }
    KubeApiServer apiServer = kubeApiServer();
    KubeControllerManager controllerManager = kubernetes == null ? null : kubernetes.kubeControllerManager();
    return "etcd:" + System.lineSeparator() + etcd.recentLogs()
        + (apiServer == null ? "" : System.lineSeparator() + "kube-apiserver:" + System.lineSeparator() + apiServer.recentLogs())
        + (controllerManager == null ? "" : System.lineSeparator() + "kube-controller-manager:" + System.lineSeparator()
            + controllerManager.recentLogs());
  }

  /** True once started, until closed, one of its components has exited, or etcd has lost its quorum. */
  public synchronized boolean isRunning() {
    return state == State.STARTED && unavailable().isEmpty();
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
    KubeApiServer apiServer = kubeApiServer();
    return "ControlPlane[" + id + ", " + state + (spec == null ? "" : ", " + spec.backend())
        + (etcd == null ? "" : ", " + etcd) + (apiServer == null ? "" : ", " + apiServer) + "]";
  }

  /** Why etcd or kube-apiserver cannot answer now: a component exited (for good), or etcd lost its quorum (until restarted). */
  private Optional<String> unavailable() {
    Optional<String> failure = watch.failure();
    if (failure.isPresent() || etcdMembers == null) {
      return failure;
    }
    return etcdMembers.unavailable();
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

  /** As kube-apiserver reports it, else as configured; null when attached to an existing cluster. */
  private KubernetesVersion runningVersion() {
    if (reused != null) {
      return KubernetesVersion.parse(reused.state().kubernetesVersion());
    }
    KubernetesStage stage = kubernetes;
    return stage != null ? stage.runningVersion() : spec.version();
  }

  /** The components' exit reports while started: starting, each start reports its own failure; closing, ends are deliberate. */
  private List<Optional<String>> exitReports() {
    if (state != State.STARTED) {
      return List.of();
    }
    EtcdServer server = etcd;
    KubernetesStage stage = kubernetes;
    return Stream.concat(server == null ? Stream.empty() : Stream.of(server.exitReport()),
        stage == null ? Stream.empty() : stage.exitReports()).toList();
  }

  /** The options, while they may still change: a {@code withX} after {@link #start()} would describe what does not run. */
  private ControlPlaneOptions unstarted(String method) {
    if (state != State.NEW) {
      throw new IllegalStateException("ControlPlane." + method + "(...) after start(): the control plane is "
          + state.name().toLowerCase(Locale.ROOT) + " and its options are fixed. Configure a new ControlPlane"
          + (state == State.STARTED ? ", or change the running one with reconfigureEncryption(...) or switchKubernetesVersion(...)" : "")
          + ".");
    }
    return options;
  }

  private void requireStarted() {
    if (state != State.STARTED) {
      throw new IllegalStateException("The control plane is " + state.name().toLowerCase(Locale.ROOT) + "; call start() first");
    }
    watch.failure().ifPresent(failure -> {
      throw new ControlPlaneException(ComponentWatch.brokenMessage(failure));
    });
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

  /** kube-apiserver: this control plane's, or the existing cluster's; null with etcd alone. */
  private KubeApiServer kubeApiServer() {
    if (existing != null) {
      return existing.kubeApiServer();
    }
    KubernetesStage stage = kubernetes;
    return stage == null ? null : stage.kubeApiServer();
  }

  private KubeApiServer requireKubeApiServer() {
    requireStarted();
    KubeApiServer apiServer = kubeApiServer();
    if (apiServer == null) {
      throw new IllegalStateException("This control plane runs etcd only; ask for kube-apiserver with withKubeApiServer(true)"
          + " or @WithEtcdRegistry(kubeApiServer = true)");
    }
    return apiServer;
  }

  private enum State { NEW, STARTED, CLOSED }
}
