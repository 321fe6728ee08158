package io.github.etcdregistry.codec;

import static io.github.etcdregistry.codec.StoredValues.protobuf;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptionKeysTest {

  private static final String KEY = "/registry/configmaps/default/settings";

  private final byte[] configMap = protobuf("v1", "ConfigMap", V1.ConfigMap.newBuilder()
      .setMetadata(Meta.ObjectMeta.newBuilder().setName("settings").setNamespace("default"))
      .putData("mode", "fast")
      .build());

  @TempDir
  Path directory;

  @Test
  void readsTheKeysOfAnEncryptionConfiguration() throws IOException {
    byte[] cbc = StoredValues.randomKey(32);
    byte[] gcm = StoredValues.randomKey(16);
    byte[] box = StoredValues.randomKey(32);
    Path file = Files.writeString(directory.resolve("encryption.yaml"), """
        apiVersion: apiserver.config.k8s.io/v1
        kind: EncryptionConfiguration
        resources:
          - resources: [secrets]
            providers:
              - aescbc:
                  keys:
                    - name: key1
                      secret: %s
              - identity: {}
          - resources: [configmaps]
            providers:
              - kms:
                  apiVersion: v2
                  name: vault
                  endpoint: unix:///tmp/kms.sock
              - aesgcm:
                  keys:
                    - name: gcm1
                      secret: %s
              - secretbox:
                  keys:
                    - name: box1
                      secret: %s
        """.formatted(base64(cbc), base64(gcm), base64(box)));

    EncryptionKeys keys = EncryptionKeys.fromEncryptionConfiguration(file);
    StorageCodec codec = StorageCodec.create().withKeys(keys);

    assertThat(keys).hasToString("EncryptionKeys[aescbc/key1, aesgcm/gcm1, secretbox/box1]");
    assertThat(codec.decrypt(KEY, StoredValues.aescbc("key1", cbc, configMap))).isEqualTo(configMap);
    assertThat(codec.decrypt(KEY, StoredValues.aesgcm("gcm1", gcm, KEY, configMap))).isEqualTo(configMap);
    assertThat(codec.decrypt(KEY, StoredValues.secretbox("box1", box, configMap))).isEqualTo(configMap);
  }

  @Test
  void aKeyNameUsedWithDifferentSecretsTriesEach() {
    byte[] first = StoredValues.randomKey(32);
    byte[] second = StoredValues.randomKey(32);
    StorageCodec codec = StorageCodec.create()
        .withKeys(EncryptionKeys.none().with("aescbc", "key1", first).with("aescbc", "key1", second));

    assertThat(codec.decrypt(KEY, StoredValues.aescbc("key1", second, configMap))).isEqualTo(configMap);
    assertThat(codec.keys()).hasToString("EncryptionKeys[aescbc/key1]");
  }

  @Test
  void rejectsFilesThatAreNoEncryptionConfiguration() throws IOException {
    Path notYaml = Files.writeString(directory.resolve("broken.yaml"), "resources: [\n  secret: c2VjcmV0\n");
    Path other = Files.writeString(directory.resolve("other.yaml"), "kind: Pod\n");
    Path badSecret = Files.writeString(directory.resolve("bad.yaml"), """
        resources:
          - providers:
              - aescbc: {keys: [{name: k, secret: "not base64!"}]}
        """);

    assertThatThrownBy(() -> EncryptionKeys.fromEncryptionConfiguration(notYaml))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not valid YAML")
        .hasMessageNotContaining("c2VjcmV0")
        .hasNoCause();
    assertThatThrownBy(() -> EncryptionKeys.fromEncryptionConfiguration(other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not an EncryptionConfiguration");
    assertThatThrownBy(() -> EncryptionKeys.fromEncryptionConfiguration(badSecret))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the secret of aescbc key \"k\" is not base64")
        .hasMessageNotContaining("not base64!");
    assertThatThrownBy(() -> EncryptionKeys.fromEncryptionConfiguration(directory.resolve("missing.yaml")))
        .isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void keysAreValidated() {
    assertThatThrownBy(() -> EncryptionKeys.none().with("secretbox", "k", new byte[16]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("secretbox key \"k\" has 16 bytes; expected 32");
    assertThatThrownBy(() -> EncryptionKeys.none().with("kms", "k", new byte[32]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unsupported provider \"kms\"");
  }

  @Test
  void neverShowsSecrets() {
    byte[] text = "0123456789abcdef0123456789abcdef".getBytes(US_ASCII);
    byte[] random = StoredValues.randomKey(32);
    EncryptionKeys keys = EncryptionKeys.none().with("aescbc", "key1", text).with("secretbox", "key2", random);

    assertThat(keys).hasToString("EncryptionKeys[aescbc/key1, secretbox/key2]");
    assertThat(StorageCodec.create().withKeys(keys).toString())
        .doesNotContain("0123456789abcdef", HexFormat.of().formatHex(random), base64(random));
  }

  @Test
  void immutableAndCopied() {
    byte[] secret = StoredValues.randomKey(32);
    byte[] value = StoredValues.aescbc("key1", secret, configMap);
    byte[] given = secret.clone();
    EncryptionKeys keys = EncryptionKeys.none().with("aescbc", "key1", given);
    given[0] ^= 1;

    assertThat(EncryptionKeys.none().isEmpty()).isTrue();
    assertThat(keys.isEmpty()).isFalse();
    assertThat(StorageCodec.create().withKeys(keys).decrypt(KEY, value)).isEqualTo(configMap);
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
