package io.github.etcdregistry.controlplane.internal;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.github.etcdregistry.codec.EncryptionKeys;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.ControlPlaneException;
import io.github.etcdregistry.controlplane.EncryptionAtRest;
import io.github.etcdregistry.controlplane.KubernetesVersion;
import io.github.etcdregistry.controlplane.Setting;
import io.github.etcdregistry.controlplane.Settings;
import io.github.etcdregistry.controlplane.internal.kubernetes.KubeApiServer;
import io.github.etcdregistry.registry.EtcdRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cluster someone else runs — a kubeadm cluster, or a control plane another process started — that tests attach
 * to with {@link Backend#EXISTING}: nothing is started or stopped, the admin client comes from its kubeconfig, and
 * the registry reads its etcd with the client certificate kube-apiserver uses. Configured by settings only:
 *
 * <pre>
 * etcdregistry.existing.kubeconfig        /etc/kubernetes/admin.conf
 * etcdregistry.existing.etcd.endpoints    https://127.0.0.1:2379 (comma-separated)
 * etcdregistry.existing.etcd.ca           /etc/kubernetes/pki/etcd/ca.crt
 * etcdregistry.existing.etcd.cert         /etc/kubernetes/pki/apiserver-etcd-client.crt
 * etcdregistry.existing.etcd.key          /etc/kubernetes/pki/apiserver-etcd-client.key
 * etcdregistry.existing.etcd.prefix       /registry (optional: kube-apiserver's --etcd-prefix)
 * etcdregistry.existing.encryption-configuration  (optional: kube-apiserver's EncryptionConfiguration, to decrypt)
 * etcdregistry.existing.schemas           (optional: its release's descriptor set, {@code <cache>/schemas-v1.37.2/kubernetes.binpb})
 * </pre>
 */
public final class ExistingCluster implements RunningCluster {

  private final Path kubeconfig;
  private final Config config;
  private final URI etcdEndpoint;
  private final Path etcdCa;
  private final Path etcdCert;
  private final Path etcdKey;
  private final EtcdRegistry registry;
  private KubernetesClient client;

  private ExistingCluster(Path kubeconfig, Config config, URI etcdEndpoint, Path etcdCa, Path etcdCert, Path etcdKey, EtcdRegistry registry) {
    this.kubeconfig = kubeconfig;
    this.config = config;
    this.etcdEndpoint = etcdEndpoint;
    this.etcdCa = etcdCa;
    this.etcdCert = etcdCert;
    this.etcdKey = etcdKey;
    this.registry = registry;
  }

  /** Whether the settings name an existing cluster, so that {@link Backend#AUTO} attaches to it. */
  public static boolean isConfigured(Settings settings) {
    return settings.get(Setting.EXISTING_KUBECONFIG).isPresent();
  }

  /** Reads the settings and connects lazily; a missing setting or file fails with the name of what to set. */
  public static ExistingCluster attach(Settings settings) {
    Path kubeconfig = file(settings, Setting.EXISTING_KUBECONFIG, "the cluster's admin kubeconfig, e.g. /etc/kubernetes/admin.conf");
    Config config;
    try {
      config = Config.fromKubeconfig(Files.readString(kubeconfig));
      if (config.getClientKeyAlgo() == null) {
        config.setClientKeyAlgo(keyAlgorithm(config)); // fabric8 reads a key of unknown algorithm as RSA
      }
    } catch (IOException | RuntimeException e) {
      throw new ControlPlaneException("Could not read the kubeconfig " + kubeconfig + " (" + Setting.EXISTING_KUBECONFIG + "): " + e.getMessage(), e);
    }
    List<String> endpoints = Arrays.stream(required(settings, Setting.EXISTING_ETCD_ENDPOINTS, "etcd's client URLs, e.g. https://127.0.0.1:2379").split(","))
        .map(String::trim).filter(url -> !url.isEmpty()).toList();
    EtcdRegistry.Builder registry = EtcdRegistry.builder().endpoints(endpoints.toArray(String[]::new));
    Path ca = null;
    Path cert = null;
    Path key = null;
    if (endpoints.stream().anyMatch(url -> url.startsWith("https:"))) {
      ca = file(settings, Setting.EXISTING_ETCD_CA, "etcd's CA certificate, e.g. /etc/kubernetes/pki/etcd/ca.crt");
      cert = file(settings, Setting.EXISTING_ETCD_CERT, "a client certificate etcd accepts, e.g. /etc/kubernetes/pki/apiserver-etcd-client.crt");
      key = file(settings, Setting.EXISTING_ETCD_KEY, "its private key, e.g. /etc/kubernetes/pki/apiserver-etcd-client.key");
      registry.trustedCa(ca).clientCertificate(cert, key);
    }
    settings.get(Setting.EXISTING_ETCD_PREFIX).ifPresent(prefix -> registry.prefix(prefix.value()));
    settings.get(Setting.EXISTING_SCHEMAS).ifPresent(schemas -> registry.schemas(Path.of(schemas.value())));
    EncryptionKeys keys = settings.get(Setting.EXISTING_ENCRYPTION_CONFIGURATION)
        .map(file -> EncryptionAtRest.fromFile(Path.of(file.value())).keys()).orElse(EncryptionKeys.none());
    return new ExistingCluster(kubeconfig, config, URI.create(endpoints.get(0)), ca, cert, key, registry.encryptionKeys(keys).build());
  }

  @Override
  public Backend backend() {
    return Backend.EXISTING;
  }

  @Override
  public URI etcdEndpoint() {
    return etcdEndpoint;
  }

  @Override
  public Path kubeconfig() {
    return kubeconfig;
  }

  @Override
  public EtcdRegistry registry() {
    return registry;
  }

  @Override
  public synchronized KubernetesClient kubernetesClient() {
    if (client == null) {
      client = new KubernetesClientBuilder().withConfig(config).build();
    }
    return client;
  }

  /** As its kube-apiserver reports it. */
  @Override
  public KubernetesVersion kubernetesVersion() {
    return KubernetesVersion.parse(kubernetesClient().getKubernetesVersion().getGitVersion().replaceAll("[-+].*", ""));
  }

  @Override
  public Map<String, String> existingClusterSettings() {
    throw new IllegalStateException("This control plane is itself attached to an existing cluster; use that cluster's settings");
  }

  @Override
  public String etcdctlCommand() {
    return "etcdctl --endpoints=" + etcdEndpoint + (etcdCa == null ? "" : " --cacert=" + etcdCa + " --cert=" + etcdCert + " --key=" + etcdKey)
        + " get " + registry.prefix() + " --prefix --keys-only";
  }

  /** kube-apiserver as the control plane sees it: already running, never started or stopped from here. */
  @Override
  public Optional<KubeApiServer> kubeApiServer() {
    return Optional.of(new RunningElsewhere(URI.create(config.getMasterUrl())));
  }

  @Override
  public String recentLogs() {
    return "(an existing cluster: its components' logs are not read)";
  }

  /** Its components are not watched from here: a failure shows as their answers. */
  @Override
  public Optional<String> failure() {
    return Optional.empty();
  }

  @Override
  public Optional<String> unavailable() {
    return Optional.empty();
  }

  @Override
  public OwnedCluster owned(String why) {
    throw new IllegalStateException("This control plane is attached to an existing cluster (backend EXISTING): " + why);
  }

  /** Closes this JVM's clients only: the cluster keeps running. */
  @Override
  public synchronized void close() {
    if (client != null) {
      client.close();
      client = null;
    }
    registry.close();
  }

  /** {@code EC} for an elliptic-curve client key (as this project's PKI and many clusters issue), else null. */
  private static String keyAlgorithm(Config config) throws IOException {
    String pem = config.getClientKeyData() != null ? new String(Base64.getDecoder().decode(config.getClientKeyData().trim()), StandardCharsets.US_ASCII)
        : config.getClientKeyFile() != null ? Files.readString(Path.of(config.getClientKeyFile())) : "";
    if (pem.contains("BEGIN EC PRIVATE KEY")) {
      return "EC";
    }
    if (!pem.contains("BEGIN PRIVATE KEY")) {
      return null;
    }
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    try {
      KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
      return "EC";
    } catch (GeneralSecurityException | IllegalArgumentException notEc) {
      return null;
    }
  }

  private static String required(Settings settings, Setting name, String what) {
    return settings.get(name).map(Settings.Value::value).orElseThrow(() -> new ControlPlaneException(
        "To attach to an existing cluster, set " + name + " (environment " + name.environmentName() + ") to " + what));
  }

  private static Path file(Settings settings, Setting name, String what) {
    Path path = Path.of(required(settings, name, what));
    if (!Files.isReadable(path)) {
      throw new ControlPlaneException(settings.get(name).orElseThrow().source() + " points at " + path + ", which is not a readable file");
    }
    return path;
  }

  /** Its kube-apiserver at {@code url}: not ours to start, stop, watch or read the logs of. */
  private record RunningElsewhere(URI url) implements KubeApiServer {

    @Override
    public void start(StartupTimeout timeout) {}

    @Override
    public List<String> flags() {
      return List.of();
    }

    @Override
    public String recentLogs() {
      return "(kube-apiserver of an existing cluster: its logs are not read)";
    }

    @Override
    public Optional<String> exitReport() {
      return Optional.empty();
    }

    @Override
    public void close() {}

    @Override
    public String toString() {
      return "existing kube-apiserver " + url;
    }
  }
}
