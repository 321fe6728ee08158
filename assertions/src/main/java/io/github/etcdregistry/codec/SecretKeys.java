package io.github.etcdregistry.codec;

/** Which etcd keys hold Secret data, so that messages about them show as little as possible. */
final class SecretKeys {

  private SecretKeys() {
  }

  /** True for {@code /registry/secrets/...}, whatever the etcd prefix. */
  static boolean holdsSecretData(String etcdKey) {
    return etcdKey.contains("/secrets/");
  }
}
