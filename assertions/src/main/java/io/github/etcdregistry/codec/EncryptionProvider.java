package io.github.etcdregistry.codec;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The encryption-at-rest providers whose prefix ({@code k8s:enc:<provider>:...}) a stored value can carry, spelled as
 * in an {@code EncryptionConfiguration}. {@code identity} writes no prefix, so it is no provider here.
 */
public enum EncryptionProvider {
  AESCBC,
  AESGCM,
  SECRETBOX,
  KMS;

  /** {@code aescbc}: as in the prefix and the EncryptionConfiguration. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The provider spelled {@code name} ({@code aescbc}).
   *
   * @throws IllegalArgumentException naming the providers there are, when {@code name} is none of them
   */
  public static EncryptionProvider of(String name) {
    for (EncryptionProvider provider : values()) {
      if (provider.configName().equals(name)) {
        return provider;
      }
    }
    throw new IllegalArgumentException("'" + name + "' is no encryption provider; the providers that prefix a stored value are "
        + Arrays.stream(values()).map(EncryptionProvider::configName).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return configName();
  }
}
