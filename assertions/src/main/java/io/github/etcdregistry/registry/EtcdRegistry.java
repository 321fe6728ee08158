package io.github.etcdregistry.registry;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.github.etcdregistry.codec.EncryptionKeys;
import io.github.etcdregistry.codec.StorageCodec;
import io.netty.handler.ssl.SslContextBuilder;
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

  private final Client client;
  private final boolean ownsClient;
  private final String prefix;
  private final StorageCodec codec;
  private final int pageSize;
  private final Duration timeout;

  private EtcdRegistry(Client client, boolean ownsClient, String prefix, StorageCodec codec, int pageSize, Duration timeout) {
    this.client = client;
    this.ownsClient = ownsClient;
    this.prefix = prefix;
    this.codec = codec;
    this.pageSize = pageSize;
    this.timeout = timeout;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Wraps a client someone else owns and closes; {@link #close()} leaves it open. */
  public static EtcdRegistry of(Client client) {
    return builder().client(client).build();
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
    return new EtcdRegistry(client, false, prefix, codec.withKeys(keys), pageSize, timeout);
  }

  public Client client() {
    return client;
  }

  /** The entry stored under {@code key}, if any. */
  public Optional<RegistryEntry> get(String key) {
    requireKey(key);
    GetResponse response = await(client.getKVClient().get(bytes(key)), "get " + key);
    return response.getKvs().stream().findFirst().map(this::entry);
  }

  /** Every key under {@code keyPrefix}, sorted, read at one revision. */
  public List<String> keys(String keyPrefix) {
    return scan(keyPrefix, true, kv -> kv.getKey().toString(StandardCharsets.UTF_8));
  }

  /** Every entry under {@code keyPrefix}, sorted by key, read page by page at one revision. */
  public List<RegistryEntry> entries(String keyPrefix) {
    return scan(keyPrefix, false, this::entry);
  }

  /** The revision of the whole store: it grows by one with every write. */
  public long currentRevision() {
    return await(client.getKVClient().get(bytes(prefix), GetOption.builder().withCountOnly(true).build()), "read revision")
        .getHeader()
        .getRevision();
  }

  @Override
  public void close() {
    if (ownsClient) {
      client.close();
    }
  }

  @Override
  public String toString() {
    return "EtcdRegistry[prefix=" + prefix + "]";
  }

  private <T> List<T> scan(String keyPrefix, boolean keysOnly, Function<KeyValue, T> mapper) {
    requireKey(keyPrefix);
    ByteSequence end = prefixEnd(bytes(keyPrefix));
    ByteSequence from = bytes(keyPrefix);
    long revision = 0;
    List<T> result = new ArrayList<>();
    while (true) {
      GetOption.Builder option = GetOption.builder()
          .withRange(end)
          .withLimit(pageSize)
          .withKeysOnly(keysOnly)
          .withSortField(GetOption.SortTarget.KEY)
          .withSortOrder(GetOption.SortOrder.ASCEND);
      if (revision > 0) {
        option.withRevision(revision); // every page sees the same snapshot
      }
      GetResponse page = await(client.getKVClient().get(from, option.build()), "list " + keyPrefix);
      revision = page.getHeader().getRevision();
      for (KeyValue kv : page.getKvs()) {
        result.add(mapper.apply(kv));
      }
      if (!page.isMore() || page.getKvs().isEmpty()) {
        return result;
      }
      byte[] last = page.getKvs().get(page.getKvs().size() - 1).getKey().getBytes();
      from = ByteSequence.from(Arrays.copyOf(last, last.length + 1)); // the next key after `last`
    }
  }

  private RegistryEntry entry(KeyValue kv) {
    return new RegistryEntry(
        kv.getKey().toString(StandardCharsets.UTF_8),
        kv.getValue().getBytes(),
        kv.getCreateRevision(),
        kv.getModRevision(),
        kv.getVersion(),
        codec);
  }

  private <T> T await(java.util.concurrent.CompletableFuture<T> future, String what) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryAccessException("Interrupted during etcd " + what, e);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new RegistryAccessException("etcd did not answer " + what + " within " + timeout.toMillis() + " ms", e);
    } catch (ExecutionException e) {
      throw new RegistryAccessException("etcd refused " + what + ": " + e.getCause().getMessage(), e.getCause());
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
    private Client client;
    private String prefix = DEFAULT_PREFIX;
    private EncryptionKeys keys = EncryptionKeys.none();
    private Path descriptorSet;
    private int pageSize = 500;
    private Duration timeout = Duration.ofSeconds(10);

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

    /** Use an existing jetcd client instead of dialing; the registry will not close it. */
    public Builder client(Client existing) {
      this.client = Objects.requireNonNull(existing, "client");
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

    public Builder timeout(Duration requestTimeout) {
      this.timeout = Objects.requireNonNull(requestTimeout, "timeout");
      return this;
    }

    public EtcdRegistry build() {
      StorageCodec codec = StorageCodec.create().withKeys(keys);
      if (descriptorSet != null) {
        codec = codec.withDescriptorSet(descriptorSet);
      }
      if (client != null) {
        return new EtcdRegistry(client, false, prefix, codec, pageSize, timeout);
      }
      if (endpoints.isEmpty()) {
        throw new IllegalArgumentException("No etcd endpoint given: call endpoints(\"https://host:2379\") or client(existingClient)");
      }
      return new EtcdRegistry(connect(), true, prefix, codec, pageSize, timeout);
    }

    private Client connect() {
      var builder = Client.builder().endpoints(endpoints);
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
