package io.github.etcdregistry.registry;

import static io.github.etcdregistry.registry.EtcdAnswers.answerTooLarge;
import static io.github.etcdregistry.registry.EtcdAnswers.tooLarge;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.OptionsUtil;
import io.etcd.jetcd.options.WatchOption;
import io.github.etcdregistry.codec.EncryptionKeys;
import io.github.etcdregistry.codec.StorageCodec;
import io.github.etcdregistry.internal.Closer;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Read access to the Kubernetes registry kept in etcd: the raw entries under {@code /registry}, their
 * revisions, and a {@link StorageCodec} that turns stored bytes into Kubernetes objects.
 *
 * <p>Works against any etcd: the one {@code @WithEtcdRegistry} starts, or a real cluster's, given its
 * endpoint and the client certificate kube-apiserver uses ({@code apiserver-etcd-client.crt}).
 *
 * <pre>{@code
 * try (EtcdRegistry registry = EtcdRegistry.builder()
 *     .endpoints("https://127.0.0.1:2379")
 *     .trustedCa(Path.of("/etc/kubernetes/pki/etcd/ca.crt"))
 *     .clientCertificate(Path.of("/etc/kubernetes/pki/apiserver-etcd-client.crt"),
 *                        Path.of("/etc/kubernetes/pki/apiserver-etcd-client.key"))
 *     .build()) {
 *   registry.keys("/registry/pods/").forEach(System.out::println);
 * }
 * }</pre>
 */
public final class EtcdRegistry implements AutoCloseable {

  public static final String DEFAULT_PREFIX = "/registry";

  static final int DEFAULT_PAGE_BYTES = 2 * 1024 * 1024;
  static final int DEFAULT_MAX_INBOUND_MESSAGE_SIZE = 32 * 1024 * 1024;
  static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

  private final Client client;
  private final boolean ownsClient;
  private final String prefix;
  private final StorageCodec codec;
  private final EtcdAnswers answers;
  private final PagedScan pages;
  private final List<AutoCloseable> closing;

  private EtcdRegistry(Client client, boolean ownsClient, String prefix, StorageCodec codec, EtcdAnswers answers,
      PagedScan pages, List<AutoCloseable> closing) {
    this.client = client;
    this.ownsClient = ownsClient;
    this.prefix = prefix;
    this.codec = codec;
    this.answers = answers;
    this.pages = pages;
    this.closing = List.copyOf(closing);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The registry inside a backup: restores {@code snapshot} (a file from {@code etcdctl snapshot save}) with etcd's
   * own {@code etcdutl} into a throwaway etcd, and reads that. Close the registry to stop it and remove its files.
   * Add keys to decrypt with {@link #withEncryptionKeys(EncryptionKeys)}.
   *
   * <p>Needs etcd-registry-extension on the class path, and the etcd and etcdutl binaries
   * ({@code ETCDREGISTRY_ETCD_BINARY}, {@code ETCDREGISTRY_ETCDUTL}).
   */
  public static EtcdRegistry fromSnapshot(Path snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    if (!Files.isRegularFile(snapshot) || !Files.isReadable(snapshot)) {
      throw new IllegalArgumentException("The etcd snapshot " + snapshot.toAbsolutePath() + " is not a readable file;"
          + " take one with: etcdctl snapshot save <file>");
    }
    SnapshotRestorer restorer = ServiceLoader.load(SnapshotRestorer.class, EtcdRegistry.class.getClassLoader()).findFirst()
        .orElseThrow(() -> new IllegalStateException("Restoring an etcd snapshot needs a " + SnapshotRestorer.class.getName()
            + ": add io.github.etcdregistry:etcd-registry-extension to the class path (it starts etcd from the snapshot)"));
    return restorer.restore(snapshot);
  }

  /** The etcd key prefix kube-apiserver was started with ({@code --etcd-prefix}), {@code /registry} by default. */
  public String prefix() {
    return prefix;
  }

  public StorageCodec codec() {
    return codec;
  }

  /** The same registry, decoding with other keys for encryption at rest. Shares the connection. */
  public EtcdRegistry withEncryptionKeys(EncryptionKeys keys) {
    return view(prefix, codec.withKeys(keys), List.of());
  }

  /** The same registry under another {@code --etcd-prefix}. Shares the connection. */
  public EtcdRegistry withPrefix(String etcdPrefix) {
    String normalized = builder().prefix(etcdPrefix).prefix;
    return view(normalized, codec, List.of());
  }

  /** The same registry, closing {@code resource} too when it is closed: a view that owns what it was made from. */
  public EtcdRegistry closing(AutoCloseable resource) {
    List<AutoCloseable> all = new ArrayList<>(closing);
    all.add(Objects.requireNonNull(resource, "resource"));
    return view(prefix, codec, all);
  }

  /** Another registry on this connection, which it does not close. */
  private EtcdRegistry view(String viewPrefix, StorageCodec viewCodec, List<AutoCloseable> viewClosing) {
    return new EtcdRegistry(client, false, viewPrefix, viewCodec, answers, pages, viewClosing);
  }

  /** The connection, for the other parts of this library; jetcd is relocated inside it, so it is no public type. */
  Client client() {
    return client;
  }

  /** How this registry waits for etcd's answers, for the other parts of this library. */
  EtcdAnswers answers() {
    return answers;
  }

  /** How this registry reads a prefix page by page at one revision, for the other parts of this library. */
  PagedScan pages() {
    return pages;
  }

  /** The entry stored under {@code key}, if any. */
  public Optional<RegistryEntry> get(String key) {
    requireKey(key);
    GetResponse response;
    try {
      response = answers.await(client.getKVClient().get(bytes(key)), "get " + key);
    } catch (RegistryAccessException e) {
      throw tooLarge(e) ? answerTooLarge("get " + key, e) : e;
    }
    return response.getKvs().stream().findFirst().map(this::entry);
  }

  /** Every key under {@code keyPrefix}, sorted, read at one revision. */
  public List<String> keys(String keyPrefix) {
    requireKey(keyPrefix);
    return pages.scan(keyPrefix, true, kv -> kv.getKey().toString(StandardCharsets.UTF_8), true);
  }

  /**
   * Every entry under {@code keyPrefix}, sorted by key, read page by page at one revision. A page holds at most
   * {@link Builder#pageSize(int)} entries and, going by the values read so far, about {@link Builder#pageBytes(int)}
   * bytes, so values up to etcd's limit (1.5 MiB by default) never make an answer larger than the client accepts.
   */
  public List<RegistryEntry> entries(String keyPrefix) {
    requireKey(keyPrefix);
    return pages.scan(keyPrefix, false, this::entry, true);
  }

  /**
   * Hands every entry under {@code keyPrefix} to {@code action}, sorted by key, page by page at one revision, without
   * keeping them: for registries too large to hold in memory at once.
   */
  public void forEachEntry(String keyPrefix, Consumer<RegistryEntry> action) {
    requireKey(keyPrefix);
    Objects.requireNonNull(action, "action");
    pages.scan(keyPrefix, false, kv -> {
      action.accept(entry(kv));
      return null;
    }, false);
  }

  /** Writes a snapshot of the whole etcd keyspace to {@code out}: the file {@code etcdctl snapshot save} writes. */
  public void writeSnapshot(OutputStream out, Duration snapshotTimeout) {
    answers.await(client.getMaintenanceClient().snapshot(out), "snapshot", snapshotTimeout);
  }

  /** The revision of the whole store: it grows by one with every write. */
  public long currentRevision() {
    return answers.await(client.getKVClient().get(bytes(prefix), GetOption.builder().withCountOnly(true).build()), "read revision")
        .getHeader()
        .getRevision();
  }

  /**
   * The writes to {@code key} from store revision {@code fromRevision} on (take {@link #currentRevision()} + 1 for
   * "from now"), as they happen. Close the watch when done.
   */
  public RegistryWatch watchKey(String key, long fromRevision) {
    requireKey(key);
    return new RegistryWatch(this, bytes(key), WatchOption.builder().withRevision(fromRevision).withPrevKV(true).build(), key);
  }

  /** The writes to every key under {@code keyPrefix} from store revision {@code fromRevision} on. */
  public RegistryWatch watchPrefix(String keyPrefix, long fromRevision) {
    requireKey(keyPrefix);
    return new RegistryWatch(this, bytes(keyPrefix),
        WatchOption.builder().withRevision(fromRevision).withPrevKV(true).withRange(OptionsUtil.prefixEndOf(bytes(keyPrefix))).build(), keyPrefix + "*");
  }

  /**
   * Starts recording every write under the prefix from now on: {@code try (RegistryRecording recording = registry.record()) {...}}.
   */
  public RegistryRecording record() {
    return RegistryRecording.everything(this);
  }

  /** Starts recording the writes to keys under {@code keyPrefix}, e.g. {@code "/registry/deployments/"}. */
  public RegistryRecording record(String keyPrefix) {
    requireKey(keyPrefix);
    return RegistryRecording.under(this, keyPrefix);
  }

  /**
   * Starts recording the writes to the objects of {@code namespace} and to the Namespace itself: an operator's work
   * in a test's namespace without the cluster's heartbeats and other tests' objects.
   */
  public RegistryRecording recordNamespace(String namespace) {
    if (namespace == null || namespace.isBlank() || namespace.contains("/")) {
      throw new IllegalArgumentException("Give a namespace's name, such as \"default\"; got " + (namespace == null ? "null" : "\"" + namespace + "\""));
    }
    return RegistryRecording.inNamespace(this, namespace);
  }

  /** Closes the connection if this registry opened it, then each resource it was told to close, in the order given. */
  @Override
  public void close() {
    Closer closer = new Closer((resource, e) -> new RegistryAccessException("Could not close " + resource + ": " + e.getMessage(), e));
    for (int i = closing.size() - 1; i >= 0; i--) { // the closer closes the last registered first
      closer.register(closing.get(i));
    }
    if (ownsClient) {
      closer.register(client);
    }
    closer.close();
  }

  @Override
  public String toString() {
    return "EtcdRegistry[prefix=" + prefix + "]";
  }

  RegistryEntry entry(KeyValue kv) {
    return new RegistryEntry(
        kv.getKey().toString(StandardCharsets.UTF_8),
        kv.getValue().getBytes(),
        kv.getCreateRevision(),
        kv.getModRevision(),
        kv.getVersion(),
        codec);
  }

  private static void requireKey(String key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("An etcd key or prefix must not be null or empty, e.g. \"/registry/pods/\"");
    }
  }

  private static ByteSequence bytes(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }

  /**
   * Connection settings for a registry; {@link #build()} connects lazily, the first call dials. Dialing itself is
   * {@link EtcdConnection}'s job; the settings stay here because {@code EtcdRegistry.Builder} is public API.
   */
  public static final class Builder {
    private final List<URI> endpoints = new ArrayList<>();
    private Path trustedCa;
    private Path clientCertificate;
    private Path clientKey;
    private String prefix = DEFAULT_PREFIX;
    private EncryptionKeys keys = EncryptionKeys.none();
    private Path descriptorSet;
    private int pageSize = 500;
    private int pageBytes = DEFAULT_PAGE_BYTES;
    private int maxInboundMessageSize = DEFAULT_MAX_INBOUND_MESSAGE_SIZE;
    private Duration timeout = Duration.ofSeconds(10);
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private Supplier<Optional<String>> unavailable = EtcdAnswers.NOBODY_WATCHES;

    private Builder() {}

    public Builder endpoints(String... urls) {
      for (String url : urls) {
        endpoints.add(URI.create(url));
      }
      return this;
    }

    public Builder endpoints(List<URI> urls) {
      endpoints.addAll(urls);
      return this;
    }

    /** The CA that signed etcd's serving certificate (kubeadm: {@code etcd/ca.crt}). */
    public Builder trustedCa(Path caCertificate) {
      this.trustedCa = caCertificate;
      return this;
    }

    /** A client certificate etcd accepts (kubeadm: {@code apiserver-etcd-client.crt} and its key). */
    public Builder clientCertificate(Path certificate, Path privateKey) {
      this.clientCertificate = certificate;
      this.clientKey = privateKey;
      return this;
    }

    public Builder prefix(String etcdPrefix) {
      if (etcdPrefix == null || !etcdPrefix.startsWith("/")) {
        throw new IllegalArgumentException("The etcd prefix must start with '/', like kube-apiserver's --etcd-prefix (default /registry), was: " + etcdPrefix);
      }
      this.prefix = etcdPrefix.endsWith("/") ? etcdPrefix.substring(0, etcdPrefix.length() - 1) : etcdPrefix;
      return this;
    }

    /** Keys to read values encrypted at rest (aescbc, aesgcm, secretbox). */
    public Builder encryptionKeys(EncryptionKeys encryptionKeys) {
      this.keys = Objects.requireNonNull(encryptionKeys, "encryptionKeys");
      return this;
    }

    /**
     * Decode protobuf with the schemas of the Kubernetes version that writes to this etcd: the descriptor set
     * {@code control-plane/build-schemas} compiles, e.g. {@code ~/.cache/etcd-registry/schemas-v1.37.2/kubernetes.binpb}.
     * Without one, client-java-proto's schemas are used, which lack the newest kinds and versions.
     */
    public Builder schemas(Path descriptorSet) {
      this.descriptorSet = Objects.requireNonNull(descriptorSet, "descriptorSet");
      return this;
    }

    /** How many entries one range request returns while scanning a prefix. */
    public Builder pageSize(int entries) {
      if (entries < 1) {
        throw new IllegalArgumentException("pageSize must be at least 1, was " + entries);
      }
      this.pageSize = entries;
      return this;
    }

    /**
     * About how many bytes of keys and values one range request returns while reading entries (default 2 MiB). The
     * next page's entry count follows from the largest value of the page before; a page the client refuses anyway is
     * read again in smaller pages.
     */
    public Builder pageBytes(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("pageBytes must be at least 1, was " + bytes);
      }
      this.pageBytes = bytes;
      return this;
    }

    /**
     * The largest answer the client this builder dials accepts (default 32 MiB; gRPC's own default is 4 MiB). It
     * bounds the largest single value that can be read: etcd's {@code --max-request-bytes} is 1.5 MiB by default.
     */
    public Builder maxInboundMessageSize(int bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("maxInboundMessageSize must be at least 1024 bytes, was " + bytes);
      }
      this.maxInboundMessageSize = bytes;
      return this;
    }

    /** How long a request waits for etcd's answer (default 10 s). */
    public Builder timeout(Duration requestTimeout) {
      this.timeout = Objects.requireNonNull(requestTimeout, "timeout");
      return this;
    }

    /**
     * How long connecting to etcd may take (default 2 s, etcdctl's {@code --dial-timeout}). When etcd cannot be reached,
     * the first request fails within it naming why: an unknown host, nothing listening, no answer, a certificate that
     * either side refuses, TLS on one side only. A key that does not belong to its certificate fails {@link #build()}.
     */
    public Builder connectTimeout(Duration dialTimeout) {
      if (Objects.requireNonNull(dialTimeout, "connectTimeout").isNegative() || dialTimeout.isZero()) {
        throw new IllegalArgumentException("connectTimeout must be positive, was " + dialTimeout);
      }
      this.connectTimeout = dialTimeout;
      return this;
    }

    /** Also closes {@code resource} when the registry closes, after the connection: the etcd that serves a restored backup. */
    public Builder closing(AutoCloseable resource) {
      this.closing.add(Objects.requireNonNull(resource, "resource"));
      return this;
    }

    /**
     * A check asked before and while waiting for each request: when it names a reason (say, whoever started etcd
     * saw it exit), the request fails at once with that reason instead of waiting out the timeout.
     */
    public Builder unavailableWhen(Supplier<Optional<String>> reason) {
      this.unavailable = Objects.requireNonNull(reason, "reason");
      return this;
    }

    public EtcdRegistry build() {
      StorageCodec codec = StorageCodec.create().withKeys(keys);
      if (descriptorSet != null) {
        codec = codec.withDescriptorSet(descriptorSet);
      }
      if (endpoints.isEmpty()) {
        throw new IllegalArgumentException("No etcd endpoint given: call endpoints(\"https://host:2379\")");
      }
      EtcdConnection.Dialled dialled = EtcdConnection.connect(endpoints, trustedCa, clientCertificate, clientKey, maxInboundMessageSize,
          connectTimeout);
      Client client = dialled.client();
      EtcdAnswers answers = new EtcdAnswers(timeout, unavailable, dialled.probe());
      return new EtcdRegistry(client, true, prefix, codec, answers, new PagedScan(client.getKVClient(), answers, pageSize, pageBytes),
          closing);
    }
  }
}
