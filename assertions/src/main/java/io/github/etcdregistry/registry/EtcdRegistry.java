package io.github.etcdregistry.registry;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.common.exception.ErrorCode;
import io.etcd.jetcd.common.exception.EtcdException;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.WatchOption;
import io.github.etcdregistry.codec.EncryptionKeys;
import io.github.etcdregistry.codec.StorageCodec;
import io.grpc.Status;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
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
  private static final Duration UNAVAILABLE_RECHECK = Duration.ofMillis(200);
  private static final Duration DEATH_NOTICE = Duration.ofSeconds(1);
  private static final Supplier<Optional<String>> NOBODY_WATCHES = Optional::empty;

  static final int DEFAULT_PAGE_BYTES = 2 * 1024 * 1024;
  static final int DEFAULT_MAX_INBOUND_MESSAGE_SIZE = 32 * 1024 * 1024;

  private final Client client;
  private final boolean ownsClient;
  private final String prefix;
  private final StorageCodec codec;
  private final int pageSize;
  private final int pageBytes;
  private final Duration timeout;
  private final List<AutoCloseable> closing;
  private Supplier<Optional<String>> unavailable = NOBODY_WATCHES;

  private EtcdRegistry(Client client, boolean ownsClient, String prefix, StorageCodec codec, int pageSize, int pageBytes,
      Duration timeout, List<AutoCloseable> closing) {
    this.closing = List.copyOf(closing);
    this.client = client;
    this.ownsClient = ownsClient;
    this.prefix = prefix;
    this.codec = codec;
    this.pageSize = pageSize;
    this.pageBytes = pageBytes;
    this.timeout = timeout;
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
    SnapshotRestorer restorer = java.util.ServiceLoader.load(SnapshotRestorer.class, EtcdRegistry.class.getClassLoader()).findFirst()
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
    EtcdRegistry view = new EtcdRegistry(client, false, viewPrefix, viewCodec, pageSize, pageBytes, timeout, viewClosing);
    view.unavailable = unavailable;
    return view;
  }

  /** The connection, for the other parts of this library; jetcd is relocated inside it, so it is no public type. */
  Client client() {
    return client;
  }

  /** The entry stored under {@code key}, if any. */
  public Optional<RegistryEntry> get(String key) {
    requireKey(key);
    GetResponse response;
    try {
      response = await(client.getKVClient().get(bytes(key)), "get " + key);
    } catch (RegistryAccessException e) {
      throw tooLarge(e) ? answerTooLarge("get " + key, e) : e;
    }
    return response.getKvs().stream().findFirst().map(this::entry);
  }

  /** Every key under {@code keyPrefix}, sorted, read at one revision. */
  public List<String> keys(String keyPrefix) {
    return scan(keyPrefix, true, kv -> kv.getKey().toString(StandardCharsets.UTF_8), true);
  }

  /**
   * Every entry under {@code keyPrefix}, sorted by key, read page by page at one revision. A page holds at most
   * {@link Builder#pageSize(int)} entries and, going by the values read so far, about {@link Builder#pageBytes(int)}
   * bytes, so values up to etcd's limit (1.5 MiB by default) never make an answer larger than the client accepts.
   */
  public List<RegistryEntry> entries(String keyPrefix) {
    return scan(keyPrefix, false, this::entry, true);
  }

  /**
   * Hands every entry under {@code keyPrefix} to {@code action}, sorted by key, page by page at one revision, without
   * keeping them: for registries too large to hold in memory at once.
   */
  public void forEachEntry(String keyPrefix, java.util.function.Consumer<RegistryEntry> action) {
    Objects.requireNonNull(action, "action");
    scan(keyPrefix, false, kv -> {
      action.accept(entry(kv));
      return null;
    }, false);
  }

  /** Writes a snapshot of the whole etcd keyspace to {@code out}: the file {@code etcdctl snapshot save} writes. */
  public void writeSnapshot(OutputStream out, Duration snapshotTimeout) {
    await(client.getMaintenanceClient().snapshot(out), "snapshot", snapshotTimeout);
  }

  /** The revision of the whole store: it grows by one with every write. */
  public long currentRevision() {
    return await(client.getKVClient().get(bytes(prefix), GetOption.builder().withCountOnly(true).build()), "read revision")
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
        WatchOption.builder().withRevision(fromRevision).withPrevKV(true).withRange(prefixEnd(bytes(keyPrefix))).build(), keyPrefix + "*");
  }

  /**
   * Starts recording every write under the prefix from now on: {@code try (RegistryRecording recording = registry.record()) {...}}.
   */
  public RegistryRecording record() {
    return RegistryRecording.start(this);
  }

  @Override
  public void close() {
    if (ownsClient) {
      client.close();
    }
    RuntimeException failure = null;
    for (AutoCloseable resource : closing) {
      try {
        resource.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new RegistryAccessException("Could not close " + resource + ": " + e.getMessage(), e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public String toString() {
    return "EtcdRegistry[prefix=" + prefix + "]";
  }

  private <T> List<T> scan(String keyPrefix, boolean keysOnly, Function<KeyValue, T> mapper, boolean collect) {
    requireKey(keyPrefix);
    ByteSequence end = prefixEnd(bytes(keyPrefix));
    ByteSequence from = bytes(keyPrefix);
    long revision = 0;
    PageSize limit = keysOnly ? PageSize.fixed(pageSize) : PageSize.byBytes(pageSize, pageBytes);
    List<T> result = new ArrayList<>();
    while (true) {
      GetOption.Builder option = GetOption.builder()
          .withRange(end)
          .withLimit(limit.entries())
          .withKeysOnly(keysOnly)
          .withSortField(GetOption.SortTarget.KEY)
          .withSortOrder(GetOption.SortOrder.ASCEND);
      if (revision > 0) {
        option.withRevision(revision); // every page sees the same snapshot
      }
      GetResponse page;
      try {
        page = await(client.getKVClient().get(from, option.build()), "list " + keyPrefix);
      } catch (RegistryAccessException e) {
        if (tooLarge(e) && limit.shrink()) {
          continue; // the page was larger than the client takes: read the same keys in smaller pages
        }
        throw tooLarge(e) ? answerTooLarge("list " + keyPrefix + " (one value at a time)", e) : e;
      }
      revision = page.getHeader().getRevision();
      for (KeyValue kv : page.getKvs()) {
        T mapped = mapper.apply(kv);
        if (collect) {
          result.add(mapped);
        }
        limit.saw(kv.getKey().size() + kv.getValue().size());
      }
      limit.pageDone();
      if (!page.isMore() || page.getKvs().isEmpty()) {
        return result;
      }
      byte[] last = page.getKvs().get(page.getKvs().size() - 1).getKey().getBytes();
      from = ByteSequence.from(Arrays.copyOf(last, last.length + 1)); // the next key after `last`
    }
  }

  /** Whether etcd's answer was refused for exceeding the client's maximum inbound message size. */
  private static boolean tooLarge(RegistryAccessException e) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof EtcdException etcd && etcd.getErrorCode() == ErrorCode.RESOURCE_EXHAUSTED) {
        return true;
      }
    }
    return e.getCause() != null && Status.fromThrowable(e.getCause()).getCode() == Status.Code.RESOURCE_EXHAUSTED;
  }

  private static RegistryAccessException answerTooLarge(String what, RegistryAccessException e) {
    return new RegistryAccessException("etcd's answer to " + what + " is larger than this client accepts (" + e.getMessage()
        + "). Build the registry with EtcdRegistry.builder().maxInboundMessageSize(bytes).", e.getCause());
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

  /** Waits for etcd's answer; gives up at once when the owner of this registry knows etcd is gone. */
  private <T> T await(java.util.concurrent.CompletableFuture<T> future, String what) {
    return await(future, what, timeout);
  }

  private <T> T await(java.util.concurrent.CompletableFuture<T> future, String what, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        Optional<String> reason = unavailable.get();
        if (reason.isPresent()) {
          future.cancel(true);
          throw new RegistryAccessException("etcd cannot answer " + what + ": " + reason.get(), null);
        }
        long left = deadline - System.nanoTime();
        try {
          return future.get(Math.max(0, Math.min(left, UNAVAILABLE_RECHECK.toNanos())), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          if (System.nanoTime() - deadline >= 0) {
            throw e;
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryAccessException("Interrupted during etcd " + what, e);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new RegistryAccessException("etcd did not answer " + what + " within " + timeout.toMillis() + " ms", e);
    } catch (ExecutionException e) {
      Optional<String> reason = unavailable != NOBODY_WATCHES && lostConnection(e.getCause())
          ? awaitUnavailableReason() : Optional.empty();
      if (reason.isPresent()) {
        throw new RegistryAccessException("etcd cannot answer " + what + ": " + reason.get(), e.getCause());
      }
      throw new RegistryAccessException("etcd refused " + what + ": " + e.getCause().getMessage(), e.getCause());
    }
  }

  /** The connection broke rather than etcd answering with an error: etcd may have just died. */
  private static boolean lostConnection(Throwable cause) {
    if (cause instanceof EtcdException etcd) {
      return etcd.getErrorCode() == ErrorCode.UNAVAILABLE || etcd.getErrorCode() == ErrorCode.UNKNOWN
          || etcd.getErrorCode() == ErrorCode.CANCELLED;
    }
    Status.Code code = Status.fromThrowable(cause).getCode();
    return code == Status.Code.UNAVAILABLE || code == Status.Code.UNKNOWN || code == Status.Code.CANCELLED;
  }

  /**
   * A broken connection is often seen before the owner has noticed the exit behind it (it rechecks a container at
   * most every few hundred milliseconds), so give it up to {@link #DEATH_NOTICE} to name the component.
   */
  private Optional<String> awaitUnavailableReason() {
    long deadline = System.nanoTime() + DEATH_NOTICE.toNanos();
    while (true) {
      Optional<String> reason = unavailable.get();
      if (reason.isPresent() || System.nanoTime() - deadline >= 0) {
        return reason;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
  }

  private static void requireKey(String key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("An etcd key or prefix must not be null or empty, e.g. \"/registry/pods/\"");
    }
  }

  private static ByteSequence bytes(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }

  /** The smallest key greater than every key starting with {@code prefix} (etcd's clientv3.GetPrefixRangeEnd). */
  static ByteSequence prefixEnd(ByteSequence prefix) {
    byte[] end = prefix.getBytes();
    for (int i = end.length - 1; i >= 0; i--) {
      if ((end[i] & 0xff) < 0xff) {
        end[i]++;
        return ByteSequence.from(Arrays.copyOf(end, i + 1));
      }
    }
    return ByteSequence.from(new byte[] {0}); // all 0xff: to the end of the keyspace
  }

  /** Connection settings for a registry; {@link #build()} connects lazily, the first call dials. */
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
    private final List<AutoCloseable> closing = new ArrayList<>();
    private Supplier<Optional<String>> unavailable = NOBODY_WATCHES;

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

    public Builder timeout(Duration requestTimeout) {
      this.timeout = Objects.requireNonNull(requestTimeout, "timeout");
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
      EtcdRegistry registry = unchecked();
      registry.unavailable = unavailable;
      return registry;
    }

    private EtcdRegistry unchecked() {
      StorageCodec codec = StorageCodec.create().withKeys(keys);
      if (descriptorSet != null) {
        codec = codec.withDescriptorSet(descriptorSet);
      }
      if (endpoints.isEmpty()) {
        throw new IllegalArgumentException("No etcd endpoint given: call endpoints(\"https://host:2379\")");
      }
      return new EtcdRegistry(connect(), true, prefix, codec, pageSize, pageBytes, timeout, closing);
    }

    private Client connect() {
      var builder = Client.builder().endpoints(endpoints).maxInboundMessageSize(maxInboundMessageSize);
      boolean tls = endpoints.stream().anyMatch(uri -> "https".equals(uri.getScheme()));
      if (tls) {
        if (trustedCa == null) {
          throw new IllegalArgumentException("An https etcd endpoint needs trustedCa(etcd CA certificate), e.g. /etc/kubernetes/pki/etcd/ca.crt");
        }
        requireReadable(trustedCa, "trusted CA certificate");
        SslContextBuilder ssl = SslContextBuilder.forClient().trustManager(trustedCa.toFile());
        if (clientCertificate != null) {
          requireReadable(clientCertificate, "client certificate");
          requireReadable(clientKey, "client key");
          ssl.keyManager(clientCertificate.toFile(), clientKey.toFile());
        }
        try {
          builder.sslContext(io.grpc.netty.GrpcSslContexts.configure(ssl).build());
        } catch (javax.net.ssl.SSLException e) {
          throw new IllegalArgumentException("Could not read the TLS files for etcd: " + e.getMessage(), e);
        }
      }
      return builder.build();
    }

    private static void requireReadable(Path file, String what) {
      if (file == null || !Files.isReadable(file)) {
        throw new IllegalArgumentException("The " + what + " for etcd is not a readable file: " + file);
      }
    }
  }
}
