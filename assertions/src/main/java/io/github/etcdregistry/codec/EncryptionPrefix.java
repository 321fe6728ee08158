package io.github.etcdregistry.codec;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Optional;

/**
 * The encryption-at-rest prefix of a stored value: {@code k8s:enc:<provider>:<version>:<keyName>:}.
 *
 * <p>Providers are {@code aescbc}, {@code aesgcm} and {@code secretbox} (version {@code v1}), and {@code kms}
 * (version {@code v1} or {@code v2}, where {@code keyName} is the KMS plugin's name).
 *
 * @param provider the provider, e.g. {@code aescbc}
 * @param version  the prefix version, e.g. {@code v1}
 * @param keyName  the key name from the EncryptionConfiguration (the plugin name for kms)
 * @param length   the number of bytes the prefix takes, so the encrypted payload starts at this offset
 */
public record EncryptionPrefix(String provider, String version, String keyName, int length) {

  private static final byte[] MARKER = "k8s:enc:".getBytes(US_ASCII);
  /** A real prefix is short; bounding the scan keeps inspecting garbage cheap. */
  private static final int MAX_LENGTH = 512;

  /** The prefix at the start of {@code value}; empty unless it reads {@code k8s:enc:<provider>:<version>:<keyName>:}. */
  public static Optional<EncryptionPrefix> parse(byte[] value) {
    if (!startsWithMarker(value)) {
      return Optional.empty();
    }
    String[] parts = new String[3];
    int start = MARKER.length;
    int end = Math.min(value.length, MAX_LENGTH);
    for (int i = 0; i < parts.length; i++) {
      int colon = indexOfColon(value, start, end);
      if (colon <= start) {
        return Optional.empty();
      }
      parts[i] = new String(value, start, colon - start, UTF_8);
      start = colon + 1;
    }
    return Optional.of(new EncryptionPrefix(parts[0], parts[1], parts[2], start));
  }

  /** The prefix as stored, e.g. {@code k8s:enc:aescbc:v1:key1:}. */
  public String text() {
    return "k8s:enc:" + provider + ":" + version + ":" + keyName + ":";
  }

  /** Whether a KMS plugin encrypted the value (this codec cannot decrypt those). */
  public boolean isKms() {
    return "kms".equals(provider);
  }

  /** Reads like {@code aescbc key "key1"} or {@code kms v2 plugin "vault"}. */
  @Override
  public String toString() {
    return isKms() ? "kms " + version + " plugin \"" + keyName + "\"" : provider + " key \"" + keyName + "\"";
  }

  private static boolean startsWithMarker(byte[] value) {
    if (value.length < MARKER.length) {
      return false;
    }
    for (int i = 0; i < MARKER.length; i++) {
      if (value[i] != MARKER[i]) {
        return false;
      }
    }
    return true;
  }

  private static int indexOfColon(byte[] value, int from, int to) {
    for (int i = from; i < to; i++) {
      if (value[i] == ':') {
        return i;
      }
    }
    return -1;
  }
}
