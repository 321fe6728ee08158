package io.github.etcdregistry.cli;

import io.github.etcdregistry.codec.EncryptionKeys;
import io.github.etcdregistry.registry.EtcdRegistry;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How to read what is stored: the key prefix, and the keys that decrypt values encrypted at rest. */
final class Decoding {

  @Option(names = "--prefix", paramLabel = "PREFIX", defaultValue = EtcdRegistry.DEFAULT_PREFIX,
      description = "kube-apiserver's --etcd-prefix (default: ${DEFAULT-VALUE})")
  String prefix;

  @Option(names = "--encryption-config", paramLabel = "FILE",
      description = "kube-apiserver's EncryptionConfiguration: its aescbc, aesgcm and secretbox keys decrypt values")
  Path encryptionConfig;

  EncryptionKeys keys() {
    return encryptionConfig == null ? EncryptionKeys.none() : EncryptionKeys.fromEncryptionConfiguration(encryptionConfig);
  }

  /** The registry inside a snapshot file, restored into a throwaway etcd that closes with it. */
  EtcdRegistry restore(Path snapshot) {
    EncryptionKeys keys = keys(); // a bad file fails before etcd starts
    EtcdRegistry restored = EtcdRegistry.fromSnapshot(snapshot);
    if (encryptionConfig == null && prefix.equals(EtcdRegistry.DEFAULT_PREFIX)) {
      return restored;
    }
    // the same connection, decrypting: closing it closes the restored registry, which stops the throwaway etcd
    return restored.withPrefix(prefix).withEncryptionKeys(keys).closing(restored);
  }
}
