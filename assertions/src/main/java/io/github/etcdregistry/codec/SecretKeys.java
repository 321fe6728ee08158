package io.github.etcdregistry.codec;

/**
 * The one rule for which etcd keys hold Secret data, so that messages and reports about them show as little as
 * possible. It needs no etcd prefix: a Secret is stored at {@code <prefix>/secrets/<namespace>/<name>}, and neither a
 * namespace nor a name can contain a slash.
 */
public final class SecretKeys {

  private SecretKeys() {
  }

  /** True for {@code /registry/secrets/<namespace>/<name>}, whatever the etcd prefix; false for a ConfigMap in namespace {@code secrets}. */
  public static boolean holdsSecretData(String etcdKey) {
    String[] segments = etcdKey.split("/", -1);
    return segments.length >= 3 && segments[segments.length - 3].equals("secrets");
  }
}
