package io.github.etcdregistry.controlplane;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.etcdregistry.codec.EncryptionKeys;
import io.github.etcdregistry.controlplane.internal.ConfigYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Encryption at rest for kube-apiserver: an {@code EncryptionConfiguration} with random keys named
 * {@code key1}, {@code key2}, ... for one provider — the first key writes, all read — or a user's own file.
 * The keys travel to the registry too, so encrypted values can be decoded in assertions.
 */
public final class EncryptionAtRest {

  /** Providers with keys this class can generate; {@code identity} stores plain text. */
  public static final Set<String> PROVIDERS = Set.of("aescbc", "aesgcm", "secretbox", "identity");

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String provider;
  private final List<String> resources;
  private final Map<String, byte[]> keys;
  private final Path userFile;
  private final boolean plainTextFirst;

  private EncryptionAtRest(String provider, List<String> resources, Map<String, byte[]> keys, Path userFile) {
    this(provider, resources, keys, userFile, false);
  }

  private EncryptionAtRest(String provider, List<String> resources, Map<String, byte[]> keys, Path userFile, boolean plainTextFirst) {
    this.provider = provider;
    this.resources = resources;
    this.keys = keys;
    this.userFile = userFile;
    this.plainTextFirst = plainTextFirst;
  }

  /** No {@code --encryption-provider-config}: everything is stored in plain text. */
  public static EncryptionAtRest none() {
    return new EncryptionAtRest(null, List.of(), Map.of(), null);
  }

  /**
   * {@code provider} ({@code aescbc}, {@code aesgcm}, {@code secretbox}, {@code identity}) for {@code resources}
   * ({@code secrets} when none are given; {@code configmaps}, {@code *.apps} and {@code *.*} are allowed), with
   * one random key {@code key1}.
   */
  public static EncryptionAtRest provider(String provider, String... resources) {
    Objects.requireNonNull(provider, "provider");
    if (!PROVIDERS.contains(provider)) {
      throw new IllegalArgumentException("Unknown encryption provider '" + provider + "'; use one of " + PROVIDERS
          + ", or your own EncryptionConfiguration file (kms needs a plugin) with fromFile(path)");
    }
    List<String> covered = resources.length == 0 ? List.of("secrets") : List.of(resources);
    return new EncryptionAtRest(provider, covered, Map.of(), null).withKeyCount(provider.equals("identity") ? 0 : 1);
  }

  /** The user's own {@code EncryptionConfiguration}; its aescbc, aesgcm and secretbox keys are read for decoding. */
  public static EncryptionAtRest fromFile(Path encryptionConfiguration) {
    if (!Files.isReadable(encryptionConfiguration)) {
      throw new IllegalArgumentException("The EncryptionConfiguration file " + encryptionConfiguration + " is not readable");
    }
    return new EncryptionAtRest(null, List.of(), Map.of(), encryptionConfiguration);
  }

  /** The same provider with {@code count} random keys, {@code key1} writing. */
  public EncryptionAtRest withKeyCount(int count) {
    boolean identity = "identity".equals(provider);
    if (provider != null && (identity ? count != 0 : count < 1)) {
      throw new IllegalArgumentException(identity
          ? "The identity provider stores plain text and takes no keys, was asked for " + count
          : "Encryption with " + provider + " needs at least one key, was asked for " + count + " (kube-apiserver would refuse to"
              + " start): set @WithEtcdRegistry(encryptionKeys = 1) or more, or EncryptionAtRest.provider(\"" + provider
              + "\").withKeyCount(1)");
    }
    Map<String, byte[]> generated = new LinkedHashMap<>();
    for (int i = 1; i <= count; i++) {
      byte[] secret = new byte[32]; // AES-256, and the size secretbox requires
      RANDOM.nextBytes(secret);
      generated.put("key" + i, secret);
    }
    return new EncryptionAtRest(provider, resources, generated, userFile);
  }

  /** The same keys with {@code keyName} moved first, so it writes new values: a key rotation. */
  public EncryptionAtRest writingWith(String keyName) {
    if (!keys.containsKey(keyName)) {
      throw new IllegalArgumentException("No key named '" + keyName + "'; the keys are " + keys.keySet());
    }
    Map<String, byte[]> reordered = new LinkedHashMap<>();
    reordered.put(keyName, keys.get(keyName));
    keys.forEach(reordered::putIfAbsent);
    return new EncryptionAtRest(provider, resources, reordered, userFile);
  }

  /**
   * The same keys, with {@code identity} first: new values are stored in plain text while the keys still read what
   * was encrypted — a cluster before encryption is turned on. {@link #writingWith(String)} turns it on.
   */
  public EncryptionAtRest writingPlainText() {
    if (provider == null || keys.isEmpty()) {
      throw new IllegalStateException("writingPlainText() needs generated keys, e.g. EncryptionAtRest.provider(\"aescbc\")");
    }
    return new EncryptionAtRest(provider, resources, keys, userFile, true);
  }

  /** Same provider and the same keys under the same names, in any order. */
  public boolean hasSameKeysAs(EncryptionAtRest other) {
    return Objects.equals(provider, other.provider) && Objects.equals(userFile, other.userFile)
        && keys.keySet().equals(other.keys.keySet())
        && keys.entrySet().stream().allMatch(key -> Arrays.equals(key.getValue(), other.keys.get(key.getKey())));
  }

  public boolean isEnabled() {
    return provider != null || userFile != null;
  }

  /** The keys the registry needs to read what kube-apiserver encrypted. */
  public EncryptionKeys keys() {
    if (userFile != null) {
      return EncryptionKeys.fromEncryptionConfiguration(userFile);
    }
    EncryptionKeys result = EncryptionKeys.none();
    for (Map.Entry<String, byte[]> key : keys.entrySet()) {
      result = result.with(provider, key.getKey(), key.getValue());
    }
    return result;
  }

  /** Writes the configuration kube-apiserver reads (owner-only: it holds keys); {@code null} when disabled. */
  public Path writeConfiguration(Path directory) {
    if (!isEnabled()) {
      return null;
    }
    Path file = directory.resolve("encryption-configuration.yaml");
    try {
      Files.deleteIfExists(file);
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(file, userFile != null ? Files.readAllBytes(userFile) : yaml().getBytes(StandardCharsets.UTF_8));
      return file;
    } catch (IOException e) {
      throw new ControlPlaneException("Could not write the encryption configuration to " + file + ": " + e.getMessage(), e);
    }
  }

  String yaml() {
    ObjectNode configuration = ConfigYaml.object().put("apiVersion", "apiserver.config.k8s.io/v1").put("kind", "EncryptionConfiguration");
    ObjectNode covered = configuration.putArray("resources").addObject();
    ArrayNode resourceNames = covered.putArray("resources");
    resources.forEach(resourceNames::add);
    ArrayNode providers = covered.putArray("providers");
    if (plainTextFirst) {
      providers.addObject().putObject("identity");
    }
    if (!provider.equals("identity")) {
      ArrayNode keyList = providers.addObject().putObject(provider).putArray("keys");
      keys.forEach((name, secret) -> keyList.addObject().put("name", name).put("secret", Base64.getEncoder().encodeToString(secret)));
    }
    if (!plainTextFirst) {
      providers.addObject().putObject("identity"); // reads what was stored before encryption was turned on
    }
    return ConfigYaml.write(configuration);
  }

  /**
   * Whether {@code other} asks for the same encryption: the same provider for the same resources with keys of the same
   * names, or the same file. Generated keys are random, so two such values encrypt differently; a control plane shared by
   * test classes that ask for the same encryption runs with the keys of the first.
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof EncryptionAtRest that && Objects.equals(provider, that.provider) && resources.equals(that.resources)
        && List.copyOf(keys.keySet()).equals(List.copyOf(that.keys.keySet())) && Objects.equals(userFile, that.userFile)
        && plainTextFirst == that.plainTextFirst;
  }

  @Override
  public int hashCode() {
    return Objects.hash(provider, resources, List.copyOf(keys.keySet()), userFile, plainTextFirst);
  }

  /** Provider, resources and key names; never the keys. */
  @Override
  public String toString() {
    if (userFile != null) {
      return "EncryptionAtRest[file " + userFile + "]";
    }
    return provider == null ? "EncryptionAtRest[none]" : "EncryptionAtRest[" + provider + " for " + resources + ", keys " + new ArrayList<>(keys.keySet())
        + (plainTextFirst ? ", writing plain text" : "") + "]";
  }
}
