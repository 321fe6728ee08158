package io.github.etcdregistry.controlplane;

import java.util.Locale;

/**
 * Every setting that configures etcd-registry without code, declared once: its key, its default and what it does. Each
 * is read as a JVM system property ({@code -Detcdregistry.backend=process}), else an environment variable
 * ({@code ETCDREGISTRY_BACKEND=process}), else a line of {@code ~/.etcd-registry.properties} (see {@link Settings}).
 * The documentation's configuration reference is generated from this list.
 */
public enum Setting {
  BACKEND("backend", Scope.COMPONENTS, "`auto`",
      "Where the components run: `process`, `container`, `existing` (attach to the cluster the `existing.*` settings name), or"
          + " `auto`: processes when every binary is at hand, else containers when a Docker engine answers; `existing` when"
          + " `existing.kubeconfig` is set."),
  KUBERNETES_VERSION("kubernetes.version", Scope.COMPONENTS, "the default release (" + DefaultVersions.KUBERNETES + ")",
      "The Kubernetes release to run: `1.36` (its latest known patch) or `1.36.3`. A binary or image setting of a component wins"
          + " over it on the same level (system properties, environment, file)."),
  ETCD_IMAGE("etcd.image", Scope.COMPONENTS, "built here from the Linux etcd binary at hand, else `"
      + "gcr.io/etcd-development/etcd:" + DefaultVersions.ETCD + "`", "etcd's image for the container backend."),
  ETCD_BINARY("etcd.binary", Scope.COMPONENTS, "etcd " + DefaultVersions.ETCD + " from the cache, else from its binary artifact",
      "etcd's executable for the process backend; etcdctl beside it is used in `etcdctlCommand()`."),
  ETCDUTL("etcdutl", Scope.COMPONENTS, "etcd's bundle from the cache or its binary artifact",
      "etcdutl, which restores a snapshot (`withRestoredSnapshot`)."),
  KUBE_APISERVER_IMAGE("kube-apiserver.image", Scope.COMPONENTS, "that version's image built here from its Linux binary, else"
      + " `registry.k8s.io/kube-apiserver:<version>`", "kube-apiserver's image for the container backend."),
  KUBE_APISERVER_BINARY("kube-apiserver.binary", Scope.COMPONENTS, "that version's binary from the cache, else from its binary"
      + " artifact", "kube-apiserver's executable for the process backend."),
  KUBE_CONTROLLER_MANAGER_IMAGE("kube-controller-manager.image", Scope.COMPONENTS, "as for kube-apiserver",
      "kube-controller-manager's image for the container backend."),
  KUBE_CONTROLLER_MANAGER_BINARY("kube-controller-manager.binary", Scope.COMPONENTS, "as for kube-apiserver",
      "kube-controller-manager's executable for the process backend."),
  KUBE_SCHEDULER_IMAGE("kube-scheduler.image", Scope.COMPONENTS, "as for kube-apiserver",
      "kube-scheduler's image for the container backend."),
  KUBE_SCHEDULER_BINARY("kube-scheduler.binary", Scope.COMPONENTS, "as for kube-apiserver",
      "kube-scheduler's executable for the process backend."),
  KWOK_IMAGE("kwok.image", Scope.COMPONENTS, "built here from the Linux kwok binary at hand, else `registry.k8s.io/kwok/kwok:"
      + DefaultVersions.KWOK + "`", "kwok's image for the container backend, which plays the kubelet of simulated nodes."),
  KWOK_BINARY("kwok.binary", Scope.COMPONENTS, "kwok " + DefaultVersions.KWOK + " from the cache, else from its binary artifact"
      + " (`io.github.etcdregistry.binaries:kwok`)", "kwok's executable for the process backend; its default Stages come from the"
      + " same artifact."),
  IMAGE_REGISTRY("image-registry", Scope.COMPONENTS, "none",
      "A mirror of the official images (`registry.k8s.io`, `gcr.io/etcd-development`), e.g. `nexus.example.com:5000`:"
          + " `registry.k8s.io/kube-apiserver:v1.37.2` is then pulled as `nexus.example.com:5000/kube-apiserver:v1.37.2`."),
  CACHE_DIR("cache-dir", Scope.COMPONENTS, "`$XDG_CACHE_HOME/etcd-registry`, else `~/.cache/etcd-registry`",
      "Where binaries are kept, one directory per platform and version (extracted from the binary artifacts or built by"
          + " `control-plane/build`), with each release's schemas and the reused control planes."),
  PUBLISH_ADDRESS("publish-address", Scope.COMPONENTS, "`127.0.0.1`",
      "The host address container ports are published on; `0.0.0.0` opens them to the network."),
  STARTUP_TIMEOUT("startup-timeout", Scope.START, "`60`",
      "How long each component may take to become ready, in seconds."),
  CLIENT_CONNECT_TIMEOUT("client.connect-timeout-millis", Scope.CLIENTS, "`2000`",
      "The injected fabric8 client's connect timeout in milliseconds."),
  CLIENT_REQUEST_TIMEOUT("client.request-timeout-millis", Scope.CLIENTS, "`10000`",
      "The injected fabric8 client's timeout per request in milliseconds."),
  CLIENT_RETRIES("client.retries", Scope.CLIENTS, "`0`",
      "How often the injected fabric8 client retries a failed request (fabric8's own default is 10)."),
  REPORT("report", Scope.REPORTS, "`never`",
      "When `@WithEtcdRegistry(report = DEFAULT)` leaves an HTML picture of the registry: `never`, `on-failure`, `always`."),
  REPORT_DIR("report.dir", Scope.REPORTS, "`target/etcd-registry-reports`", "Where the HTML reports are written."),
  REUSE("reuse", Scope.REUSE, "`false`",
      "`true` keeps a control plane with kube-apiserver on the process backend running after the JVM exits, for the next run"
          + " with the same configuration; ignored when the environment variable `CI` is set."),
  REUSE_IDLE_TIMEOUT("reuse.idle-timeout", Scope.REUSE, "`30m`",
      "How long a reused control plane may stay unused before it stops: `45s`, `30m`, `2h` or an ISO-8601 duration."),
  REUSE_RESET("reuse.reset", Scope.REUSE, "`true`",
      "`true` puts a reused control plane back to how it was when it had started, each time a run attaches: what earlier"
          + " runs created is gone, what they changed is as it was. `false` keeps what earlier runs left."),
  EXISTING_KUBECONFIG("existing.kubeconfig", Scope.EXISTING, "none",
      "The admin kubeconfig of a running cluster to attach to instead of starting one, e.g. `/etc/kubernetes/admin.conf`."),
  EXISTING_ETCD_ENDPOINTS("existing.etcd.endpoints", Scope.EXISTING, "none",
      "That cluster's etcd client URLs, comma-separated, e.g. `https://127.0.0.1:2379`."),
  EXISTING_ETCD_CA("existing.etcd.ca", Scope.EXISTING, "none", "etcd's CA certificate, e.g. `/etc/kubernetes/pki/etcd/ca.crt`."),
  EXISTING_ETCD_CERT("existing.etcd.cert", Scope.EXISTING, "none",
      "A client certificate etcd accepts, e.g. `/etc/kubernetes/pki/apiserver-etcd-client.crt`."),
  EXISTING_ETCD_KEY("existing.etcd.key", Scope.EXISTING, "none",
      "Its private key, e.g. `/etc/kubernetes/pki/apiserver-etcd-client.key`."),
  EXISTING_ETCD_PREFIX("existing.etcd.prefix", Scope.EXISTING, "`/registry`", "kube-apiserver's `--etcd-prefix` there."),
  EXISTING_ENCRYPTION_CONFIGURATION("existing.encryption-configuration", Scope.EXISTING, "none",
      "kube-apiserver's EncryptionConfiguration there, to decrypt what it encrypted."),
  EXISTING_SCHEMAS("existing.schemas", Scope.EXISTING, "client-java-proto's schemas",
      "The descriptor set of that cluster's release, e.g. `<cache-dir>/schemas-v1.37.2/kubernetes.binpb`.");

  /** Every key starts with it. */
  static final String PREFIX = "etcdregistry.";

  private final String key;
  private final Scope scope;
  private final String defaultValue;
  private final String description;

  Setting(String name, Scope scope, String defaultValue, String description) {
    this.key = PREFIX + name;
    this.scope = scope;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  /** {@code etcdregistry.kube-apiserver.image}: the system property, and the line in {@code ~/.etcd-registry.properties}. */
  public String key() {
    return key;
  }

  /** {@code ETCDREGISTRY_KUBE_APISERVER_IMAGE}. */
  public String environmentName() {
    return Settings.environmentName(key);
  }

  /** What applies when it is not set, in Markdown. */
  public String defaultValue() {
    return defaultValue;
  }

  /** What it does, in Markdown. */
  public String description() {
    return description;
  }

  /** {@code -Detcdregistry.startup-timeout=<seconds> (environment ETCDREGISTRY_STARTUP_TIMEOUT)}: how to set it. */
  public String howToSet(String placeholder) {
    return "-D" + key + "=" + placeholder + " (environment " + environmentName() + ")";
  }

  public Scope scope() {
    return scope;
  }

  @Override
  public String toString() {
    return key;
  }

  /** What a setting acts on; the settings of {@link #COMPONENTS} and {@link #EXISTING} tell two control planes apart. */
  public enum Scope {
    COMPONENTS("What runs", true),
    START("How long a start may take", false),
    CLIENTS("The injected clients", false),
    REPORTS("Registry reports", false),
    REUSE("Reuse across runs", false),
    EXISTING("An existing cluster", true);

    private final String title;
    private final boolean changesWhatRuns;

    Scope(String title, boolean changesWhatRuns) {
      this.title = title;
      this.changesWhatRuns = changesWhatRuns;
    }

    public String title() {
      return title;
    }

    /** Whether two runs that differ in a setting of this scope run different control planes. */
    public boolean changesWhatRuns() {
      return changesWhatRuns;
    }

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
