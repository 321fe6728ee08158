package io.github.etcdregistry.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The secrets needed to read through encryption at rest: keys of the {@code aescbc}, {@code aesgcm} and
 * {@code secretbox} providers, by provider and key name. Immutable; {@link #toString()} never shows a secret.
 */
public final class EncryptionKeys {

  /** Valid key sizes in bytes, as kube-apiserver accepts them. */
  private static final Map<String, Set<Integer>> KEY_SIZES = Map.of(
      "aescbc", Set.of(16, 24, 32),
      "aesgcm", Set.of(16, 24, 32),
      "secretbox", Set.of(SecretBox.KEY_LENGTH));

  private static final EncryptionKeys NONE = new EncryptionKeys(Map.of());

  /**
   * Secrets by "provider/keyName". A name may carry several secrets: one EncryptionConfiguration may use the
   * same key name with different secrets for different resources, and the prefix does not tell which.
   */
  private final Map<String, List<byte[]>> secrets;

  private EncryptionKeys(Map<String, List<byte[]>> secrets) {
    this.secrets = secrets;
  }

  /** No keys: encrypted values cannot be decoded. */
  public static EncryptionKeys none() {
    return NONE;
  }

  /**
   * These keys plus one more.
   *
   * @param provider {@code aescbc}, {@code aesgcm} or {@code secretbox}
   * @param keyName  the key's {@code name} in the EncryptionConfiguration (it appears in the value's prefix)
   * @param secret   the raw key bytes (the base64-decoded {@code secret}): 16, 24 or 32 bytes for AES, 32 for secretbox
   */
  public EncryptionKeys with(String provider, String keyName, byte[] secret) {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(keyName, "keyName");
    Objects.requireNonNull(secret, "secret");
    Set<Integer> sizes = KEY_SIZES.get(provider);
    if (!accepts(provider)) {
      throw new IllegalArgumentException("unsupported provider \"" + provider + "\": keys can be given for "
          + String.join(", ", KEY_SIZES.keySet().stream().sorted().toList()) + " (kms needs its plugin)");
    }
    if (!sizes.contains(secret.length)) {
      throw new IllegalArgumentException(provider + " key \"" + keyName + "\" has " + secret.length
          + " bytes; expected " + sizes.stream().sorted().map(String::valueOf).collect(Collectors.joining(" or ")));
    }
    Map<String, List<byte[]>> copy = new LinkedHashMap<>(secrets);
    List<byte[]> forName = new ArrayList<>(copy.getOrDefault(id(provider, keyName), List.of()));
    if (forName.stream().noneMatch(known -> Arrays.equals(known, secret))) {
      forName.add(secret.clone());
    }
    copy.put(id(provider, keyName), List.copyOf(forName));
    return new EncryptionKeys(copy);
  }

  /**
   * The aescbc, aesgcm and secretbox keys of a kube-apiserver {@code EncryptionConfiguration}
   * (apiserver.config.k8s.io/v1) file, for all its resources; identity and kms providers are skipped.
   *
   * @throws IllegalArgumentException when the file is not such a configuration
   * @throws UncheckedIOException     when it cannot be read
   */
  public static EncryptionKeys fromEncryptionConfiguration(Path file) {
    JsonNode config;
    try {
      config = new YAMLMapper().readTree(Files.readAllBytes(file));
    } catch (JacksonException e) {
      // No cause and no Jackson message: both may quote the file, secrets included.
      throw new IllegalArgumentException(file + " is not valid YAML (line "
          + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    if (config == null || !config.path("resources").isArray()) {
      throw new IllegalArgumentException(file + " is not an EncryptionConfiguration: no resources list");
    }
    EncryptionKeys keys = none();
    for (JsonNode resource : config.path("resources")) {
      for (JsonNode provider : resource.path("providers")) {
        for (String name : KEY_SIZES.keySet()) {
          for (JsonNode key : provider.path(name).path("keys")) {
            keys = keys.with(name, key.path("name").asText(""), decodeSecret(file, name, key));
          }
        }
      }
    }
    return keys;
  }

  /** Whether keys can be given for this provider (kms and identity take none). */
  static boolean accepts(String provider) {
    return KEY_SIZES.containsKey(provider);
  }

  /** Whether no keys were given. */
  public boolean isEmpty() {
    return secrets.isEmpty();
  }

  /** The secrets known for a provider's key name, in the order given; empty when none. */
  List<byte[]> secrets(String provider, String keyName) {
    return secrets.getOrDefault(id(provider, keyName), List.of());
  }

  /** The key names known for a provider, for messages. */
  List<String> keyNames(String provider) {
    return secrets.keySet().stream()
        .filter(id -> id.startsWith(provider + "/"))
        .map(id -> id.substring(provider.length() + 1))
        .toList();
  }

  /** Provider and name of each key, e.g. {@code EncryptionKeys[aescbc/key1, secretbox/key2]}; never secrets. */
  @Override
  public String toString() {
    return "EncryptionKeys" + secrets.keySet();
  }

  private static String id(String provider, String keyName) {
    return provider + "/" + keyName;
  }

  private static byte[] decodeSecret(Path file, String provider, JsonNode key) {
    try {
      return Base64.getDecoder().decode(key.path("secret").asText(""));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": the secret of " + provider + " key \""
          + key.path("name").asText("") + "\" is not base64");
    }
  }
}
