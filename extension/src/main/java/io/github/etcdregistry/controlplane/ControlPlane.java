package io.github.etcdregistry.controlplane;

import io.etcd.jetcd.Client;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.controlplane.internal.CleanupOnExit;
import io.github.etcdregistry.controlplane.internal.ComponentSpec;
import io.github.etcdregistry.controlplane.internal.ComponentWatch;
import io.github.etcdregistry.controlplane.internal.ExistingCluster;
import io.github.etcdregistry.controlplane.internal.JetcdClients;
import io.github.etcdregistry.controlplane.internal.OwnedCluster;
import io.github.etcdregistry.controlplane.internal.RunningCluster;
import io.github.etcdregistry.controlplane.internal.SnapshotFile;
import io.github.etcdregistry.controlplane.internal.StartupTimeout;
import io.github.etcdregistry.controlplane.internal.kubernetes.KubeApiServer;
import io.github.etcdregistry.controlplane.internal.kubernetes.KwokStages;
import io.github.etcdregistry.controlplane.internal.reuse.ReusedControlPlanes;
import io.github.etcdregistry.internal.Closer;
import io.github.etcdregistry.pki.ClusterPki;
import io.github.etcdregistry.registry.EtcdRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.UnaryOperator;
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
 * Configured like a Testcontainers container: {@code withX} methods before {@link #start()}, which gather what is asked
 * for in one {@link ControlPlaneSpec}; what is not set comes from the {@link Setting}s. Started, it runs a cluster of its
 * own, attaches to an existing one ({@link Backend#EXISTING}), or to one kept running for reuse across runs
 * ({@code etcdregistry.reuse}); this class checks its state and hands each call to that cluster.
 */
public final class ControlPlane implements AutoCloseable {

  private final Settings settings;
  private final String id = UUID.randomUUID().toString().substring(0, 8);
  private ControlPlaneSpec spec;
  private State state = State.NEW;
  private EncryptionAtRest encryption;
  private RunningCluster running;
  private StartupTimeout timeout;
  private CleanupOnExit.Registration exitCleanup;
  private AutoCloseable etcdClient; // a jetcd Client, typed loosely: jetcd is optional

  public ControlPlane() {
    this(ControlPlaneSpec.etcdOnly());
  }

  /** A control plane as {@code spec} asks for; {@code withX} methods change it further until {@link #start()}. */
  public ControlPlane(ControlPlaneSpec spec) {
    this(spec, Settings.fromSystem());
  }

  /** A control plane as {@code spec} asks for, with {@code settings} instead of this JVM's. */
  public ControlPlane(ControlPlaneSpec spec, Settings settings) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.settings = settings;
  }

  /** Containers, local processes, or {@link Backend#AUTO} (the default, also from {@code etcdregistry.backend}). */
  public ControlPlane withBackend(Backend value) {
    return change("withBackend", asked -> asked.withBackend(value));
  }

  /** Also start kube-apiserver against etcd. */
  public ControlPlane withKubeApiServer(boolean value) {
    return change("withKubeApiServer", asked -> asked.withComponent(Component.KUBE_APISERVER, value));
  }

  /** Also run kube-controller-manager (implies kube-apiserver): Endpoints follow Services, ReplicaSets Deployments. */
  public ControlPlane withKubeControllerManager(boolean value) {
    return change("withKubeControllerManager", asked -> asked.withComponent(Component.KUBE_CONTROLLER_MANAGER, value));
  }

  /** 1 etcd member, or 3, 5, 7 for a raft cluster that serves with a minority down: {@link #etcdMember(int)}. */
  public ControlPlane withEtcdMembers(int members) {
    return change("withEtcdMembers", asked -> asked.withEtcdMembers(members));
  }

  /** {@code count} simulated nodes, run by kube-scheduler and kwok: see {@link ControlPlaneSpec#withNodes(int)}. */
  public ControlPlane withNodes(int count) {
    return change("withNodes", asked -> asked.withNodes(count));
  }

  /** kwok Stages to play besides its own, from files, directories or {@code classpath:} resources; read now. */
  public ControlPlane withStages(String... locations) {
    List<String> stages = KwokStages.read(locations);
    return change("withStages", asked -> asked.withStages(stages));
  }

  /**
   * CRDs to apply as soon as kube-apiserver is ready, before kube-controller-manager starts, so that its garbage
   * collector deletes a custom resource's dependents at once; each is Established and answers a list when
   * {@link #start()} returns. Implies kube-apiserver.
   */
  public ControlPlane withCustomResourceDefinitions(CustomResourceDefinitions definitions) {
    return change("withCustomResourceDefinitions", asked -> asked.withCustomResourceDefinitions(definitions));
  }

  /**
   * The Kubernetes release whose components run: {@code "1.36"} (its latest known patch) or {@code "1.36.3"}; by default
   * {@code etcdregistry.kubernetes.version}, else {@link KubernetesVersion#DEFAULT}. A binary or image set explicitly wins.
   */
  public ControlPlane withKubernetesVersion(String version) {
    return change("withKubernetesVersion", asked -> asked.withKubernetesVersion(KubernetesVersion.parse(version)));
  }

  /** The image {@code component} runs from on the container backend, e.g. {@code registry.k8s.io/kube-apiserver:v1.37.2}. */
  public ControlPlane withImage(Component component, DockerImageName image) {
    return change("withImage", asked -> asked.withImage(component, image));
  }

  /** The executable {@code component} runs on the process backend. */
  public ControlPlane withBinary(Component component, Path binary) {
    return change("withBinary", asked -> asked.withBinary(component, binary));
  }

  /**
   * More flags for {@code component}, after (and so over) its own: etcd's {@code --max-request-bytes=...}, kube-apiserver's
   * {@code --feature-gates=...}. etcd flags that would change its TLS, PKI, ports, data or members are refused.
   */
  public ControlPlane withFlags(Component component, String... flags) {
    return change("withFlags", asked -> asked.withFlags(component, Arrays.asList(flags.clone())));
  }

  /** How long each component may take to become ready (default 60 s, or {@code etcdregistry.startup-timeout} seconds). */
  public ControlPlane withStartupTimeout(Duration timeout) {
    return change("withStartupTimeout", asked -> asked.withStartupTimeout(timeout));
  }

  /**
   * Starts etcd from a snapshot file ({@code etcdctl snapshot save}, {@link #snapshot(Path)}), restored by etcdutl into
   * the work directory; the process backend only.
   */
  public ControlPlane withRestoredSnapshot(Path snapshotFile) {
    return change("withRestoredSnapshot", asked -> asked.withRestoredSnapshot(snapshotFile));
  }

  /** Encryption at rest for kube-apiserver: generated keys for a provider, or the user's own configuration file. */
  public ControlPlane withEncryption(EncryptionAtRest value) {
    return change("withEncryption", asked -> asked.withEncryption(value));
  }

  /** What this control plane was asked for. */
  public ControlPlaneSpec spec() {
    return spec;
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
    exitCleanup = CleanupOnExit.register(this); // a killed test run leaves nothing behind
    try {
      running = startCluster();
      encryption = spec.encryption();
      state = State.STARTED;
    } catch (RuntimeException e) {
      exitCleanup.cancel();
      state = State.CLOSED;
      throw e;
    }
  }

  private RunningCluster startCluster() {
    ComponentSpec resolved = ComponentSpec.resolve(spec, settings);
    timeout = resolved.timeout();
    if (resolved.backend() == Backend.EXISTING) {
      return withCrdsApplied(ExistingCluster.attach(settings));
    }
    // reuse across runs (etcdregistry.reuse): attach to the control plane an earlier run left, or one started for later runs
    return ReusedControlPlanes.attach(spec, resolved.backend(), settings).map(this::withCrdsApplied)
        .orElseGet(() -> OwnedCluster.start(resolved, settings, spec.encryption(), id));
  }

  /**
   * A cluster attached to, with the CRDs applied (again: a reused one has them from its start, where a changed schema
   * now takes effect); a cluster started here applies them itself, before kube-controller-manager starts.
   */
  private RunningCluster withCrdsApplied(RunningCluster attached) {
    if (spec.crds().definitions().isEmpty()) {
      return attached;
    }
    try {
      spec.crds().applyTo(attached.kubernetesClient(), timeout.duration());
    } catch (RuntimeException e) {
      try {
        attached.close();
      } catch (RuntimeException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
    return attached;
  }

  /** The settings ({@code etcdregistry.existing.*}) with which another JVM attaches to this control plane. */
  public Map<String, String> existingClusterSettings() {
    requireKubeApiServer();
    return running.existingClusterSettings();
  }

  /**
   * Restarts kube-apiserver with {@code next} encryption, the same keys in another order: a key rotation is
   * {@code current.writingWith("key2")}. Take {@link #kubernetesClient()} again afterwards.
   */
  public synchronized void reconfigureEncryption(EncryptionAtRest next) {
    requireKubeApiServer();
    OwnedCluster own = running.owned("kube-apiserver is not restarted from here");
    if (!next.hasSameKeysAs(encryption)) {
      throw new IllegalArgumentException("Rotate with the same keys in another order, e.g. encryption.writingWith(\"key2\");"
          + " the registry decodes with the keys it was started with");
    }
    encryption = next;
    own.reconfigureEncryption(next);
  }

  /**
   * Runs another Kubernetes release's components ({@code "1.37"} or {@code "1.37.2"}) on the same etcd, data and
   * certificates, as an upgrade or downgrade does; objects stay as the old release stored them until written again.
   * Take {@link #kubernetesClient()} again afterwards. When that version is not at hand, nothing is stopped.
   */
  public synchronized void switchKubernetesVersion(String version) {
    requireKubeApiServer();
    running.owned("kube-apiserver is not restarted from here").switchKubernetesVersion(KubernetesVersion.parse(version), encryption);
  }

  /**
   * Saves a snapshot of etcd to {@code file}, as {@code etcdctl snapshot save} does, readable by its owner only. Its
   * folder must exist: a snapshot holds every Secret, so a mistyped path fails rather than creating folders.
   */
  public Path snapshot(Path file) {
    requireEtcd();
    return SnapshotFile.save(registry(), file, timeout.duration());
  }

  /** The Kubernetes release that runs, as kube-apiserver reports it; with etcd alone, the one configured. */
  public KubernetesVersion kubernetesVersion() {
    requireStarted();
    return running.kubernetesVersion();
  }

  /** The encryption at rest kube-apiserver runs with. */
  public EncryptionAtRest encryption() {
    return encryption != null ? encryption : spec.encryption();
  }

  /** A short random name; its containers carry it: {@code docker ps --filter label=io.github.etcdregistry.control-plane=<id>}. */
  public String id() {
    return id;
  }

  /**
   * Stops every control plane kept for reuse across runs ({@code etcdregistry.reuse}) under this machine's cache directory;
   * returns how many there were. Unused, they stop by themselves after {@code etcdregistry.reuse.idle-timeout}.
   */
  public static int stopReused() {
    return ReusedControlPlanes.stopAll(Settings.fromSystem());
  }

  /** The backend in use: never {@link Backend#AUTO} once started; {@link Backend#EXISTING} for another's cluster. */
  public Backend backend() {
    requireStarted();
    return running.backend();
  }

  /** etcd's client URL from this JVM, e.g. {@code https://127.0.0.1:41234}. */
  public URI etcdEndpoint() {
    requireEtcd();
    return running.etcdEndpoint();
  }

  /**
   * Member {@code index} of etcd ({@code 0} with a single member), to stop and start again: with three members,
   * kube-apiserver keeps writing while one is down; with two down, reads and writes fail naming the lost quorum.
   */
  public EtcdMember etcdMember(int index) {
    requireStarted();
    return running.owned("its etcd members are not stopped or started from here").etcdMember(index);
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
    return running.owned("its certificates are not known here").pki();
  }

  /** A kubeconfig for the admin (client certificate, {@code system:masters}): {@code kubectl --kubeconfig <path> get pods}. */
  public Path kubeconfig() {
    requireKubeApiServer();
    return running.kubeconfig();
  }

  /**
   * The registry in etcd, read with kube-apiserver's own etcd client certificate. Closed with the control plane. It reads
   * on while etcd runs, also after kube-apiserver or another component on top of etcd has ended.
   */
  public EtcdRegistry registry() {
    requireEtcd();
    return running.registry();
  }

  /** A jetcd client with kube-apiserver's etcd certificate, closed with the control plane; needs jetcd-core 0.8.6+ of your own. */
  public synchronized Client etcdClient() {
    requireEtcd();
    if (etcdClient == null) {
      etcdClient = JetcdClients.connect(this);
    }
    return (Client) etcdClient;
  }

  /** A fabric8 client authenticated as the admin. Closed with the control plane. */
  public synchronized KubernetesClient kubernetesClient() {
    requireKubeApiServer();
    return running.kubernetesClient();
  }

  /**
   * A fabric8 client authenticated as {@code user} in {@code groups}, by a client certificate the cluster CA signs
   * (CN = user, O = groups), for RBAC tests: {@code clientFor("alice", "dev-team")} is forbidden everything until a
   * RoleBinding grants it. Closed with the control plane; after {@link #reconfigureEncryption} ask again.
   */
  public synchronized KubernetesClient clientFor(String user, String... groups) {
    requireKubeApiServer();
    return running.owned("its CA's private key, which signs user certificates, is not known here").clientFor(user, groups);
  }

  /** An {@code etcdctl} command line a person can paste to look at the same keys. */
  public String etcdctlCommand() {
    requireEtcd();
    return running.etcdctlCommand();
  }

  /** The last lines etcd and kube-apiserver logged; also once a component has exited. */
  public String recentLogs() {
    if (state != State.STARTED) {
      requireStarted();
    }
    return running.recentLogs();
  }

  /** True once started, until closed, one of its components has exited, or etcd has lost its quorum. */
  public synchronized boolean isRunning() {
    return state == State.STARTED && running.unavailable().isEmpty();
  }

  /** Stops kube-apiserver, then etcd, and removes every file, container and network; idempotent. */
  @Override
  public synchronized void close() {
    if (state == State.CLOSED) {
      return;
    }
    boolean wasStarted = state == State.STARTED;
    state = State.CLOSED;
    if (!wasStarted) {
      return;
    }
    Closer closer = new Closer((closeable, e) -> new ControlPlaneException("Could not stop the control plane cleanly: " + e.getMessage(), e));
    closer.register(exitCleanup::cancel);
    closer.register(running);
    if (etcdClient != null) {
      closer.register(etcdClient);
    }
    closer.close();
  }

  @Override
  public String toString() {
    return "ControlPlane[" + id + ", " + state + (running == null ? "" : ", " + running) + "]";
  }

  /** Applies a {@code withX}: the spec may change until {@link #start()}, since afterwards it would describe what does not run. */
  private ControlPlane change(String method, UnaryOperator<ControlPlaneSpec> change) {
    if (state != State.NEW) {
      throw new IllegalStateException("ControlPlane." + method + "(...) after start(): the control plane is "
          + state.name().toLowerCase(Locale.ROOT) + " and its options are fixed. Configure a new ControlPlane"
          + (state == State.STARTED ? ", or change the running one with reconfigureEncryption(...) or switchKubernetesVersion(...)" : "")
          + ".");
    }
    spec = change.apply(spec);
    return this;
  }

  private void requireStarted() {
    requireEtcd();
    running.failure().ifPresent(failure -> {
      throw new ControlPlaneException(ComponentWatch.brokenMessage(failure));
    });
  }

  /** Started, with etcd still running: what reads or saves etcd needs no more, whatever happened to the components on top. */
  private void requireEtcd() {
    if (state != State.STARTED) {
      throw new IllegalStateException("The control plane is " + state.name().toLowerCase(Locale.ROOT) + "; call start() first");
    }
    running.etcdFailure().ifPresent(failure -> {
      throw new ControlPlaneException(ComponentWatch.brokenMessage(failure));
    });
  }

  private KubeApiServer requireKubeApiServer() {
    requireStarted();
    return running.kubeApiServer().orElseThrow(() -> new IllegalStateException("This control plane runs etcd only; ask for"
        + " kube-apiserver with withKubeApiServer(true) or @WithEtcdRegistry(kubeApiServer = true)"));
  }

  private enum State { NEW, STARTED, CLOSED }
}
