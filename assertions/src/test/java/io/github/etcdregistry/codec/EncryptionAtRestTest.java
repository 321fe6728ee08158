package io.github.etcdregistry.codec;

import static io.github.etcdregistry.codec.StoredValues.protobuf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Values encrypted as kube-apiserver's aescbc, aesgcm and secretbox providers write them. */
class EncryptionAtRestTest {

  private static final String KEY = "/registry/secrets/default/db";

  private final byte[] secret = protobuf("v1", "Secret", V1.Secret.newBuilder()
      .setMetadata(Meta.ObjectMeta.newBuilder().setName("db").setNamespace("default"))
      .putData("password", ByteString.copyFromUtf8("hunter2"))
      .setType("Opaque")
      .build());
  private final byte[] key1 = StoredValues.randomKey(32);
  private final byte[] key2 = StoredValues.randomKey(32);

  @Test
  void aescbc() {
    byte[] value = StoredValues.aescbc("key1", key1, secret);
    StorageCodec codec = StorageCodec.create().withKeys(EncryptionKeys.none().with("aescbc", "key1", key1));

    assertDecryptsToTheSecret(codec, value, "aescbc");
  }

  @Test
  void aesgcmAuthenticatesTheEtcdKey() {
    byte[] value = StoredValues.aesgcm("key1", key1, KEY, secret);
    StorageCodec codec = StorageCodec.create().withKeys(EncryptionKeys.none().with("aesgcm", "key1", key1));

    assertDecryptsToTheSecret(codec, value, "aesgcm");
    // The same bytes under another key fail authentication: the apiserver binds values to their key.
    assertThatThrownBy(() -> codec.decrypt("/registry/secrets/default/other", value))
        .isInstanceOf(UndecodableValueException.class)
        .hasMessageContaining("does not decrypt it");
  }

  @Test
  void secretbox() {
    byte[] value = StoredValues.secretbox("key1", key1, secret);
    StorageCodec codec = StorageCodec.create().withKeys(EncryptionKeys.none().with("secretbox", "key1", key1));

    assertDecryptsToTheSecret(codec, value, "secretbox");
  }

  @Test
  void smallerAesKeys() {
    byte[] aes128 = StoredValues.randomKey(16);
    StorageCodec codec = StorageCodec.create().withKeys(EncryptionKeys.none().with("aescbc", "old", aes128));

    assertThat(codec.decrypt(KEY, StoredValues.aescbc("old", aes128, secret))).isEqualTo(secret);
  }

  @Test
  void theKeyNamedInThePrefixIsUsed() {
    byte[] value = StoredValues.aescbc("key2", key2, secret);
    StorageCodec codec = StorageCodec.create()
        .withKeys(EncryptionKeys.none().with("aescbc", "key1", key1).with("aescbc", "key2", key2));

    assertThat(codec.decrypt(KEY, value)).isEqualTo(secret);
  }

  @Test
  void wrongKeyNamesProviderAndKeyAndShowsNoPlaintext() {
    for (String provider : new String[] {"aescbc", "aesgcm", "secretbox"}) {
      byte[] value = encrypt(provider, "key1", key1);
      StorageCodec codec = StorageCodec.create().withKeys(EncryptionKeys.none().with(provider, "key1", key2));

      assertThatThrownBy(() -> codec.decode(KEY, value, 1))
          .isInstanceOf(UndecodableValueException.class)
          .hasMessageContaining(KEY)
          .hasMessageContaining("encrypted at rest with " + provider + " key \"key1\"")
          .hasMessageContaining("does not decrypt it")
          .hasMessageContaining("[stored value: encrypted with " + provider + " key \"key1\", 6b 38 73 3a ... (")
          .hasMessageNotContaining("hunter2")
          .hasMessageNotContaining("6b 38 73 00");
    }
  }

  @Test
  void missingKeySaysWhichKeyAndHowToSupplyIt() {
    byte[] value = StoredValues.aesgcm("key2", key2, KEY, secret);
    StorageCodec codec = StorageCodec.create().withKeys(EncryptionKeys.none().with("aesgcm", "key1", key1));

    assertThatThrownBy(() -> codec.decode(KEY, value, 1))
        .isInstanceOf(UndecodableValueException.class)
        .hasMessageContaining(KEY)
        .hasMessageContaining("no aesgcm key named \"key2\" was supplied (known aesgcm keys: key1)")
        .hasMessageContaining("EncryptionKeys.none().with(\"aesgcm\", \"key2\", secret)")
        .hasMessageContaining("EncryptionKeys.fromEncryptionConfiguration(path)");
  }

  @Test
  void kmsIsRecognisedButNotDecrypted() {
    byte[] value = StoredValues.concat("k8s:enc:kms:v2:vault:".getBytes(StandardCharsets.US_ASCII), new byte[] {10, 3, 1, 2, 3});

    assertThatThrownBy(() -> StorageCodec.create().decode(KEY, value, 1))
        .isInstanceOf(UndecodableValueException.class)
        .hasMessageContaining("encrypted at rest by the KMS v2 plugin \"vault\"")
        .hasMessageContaining("not supported");
  }

  @Test
  void decryptedBytesThatAreNoObjectAreReportedWithoutThem() {
    byte[] value = StoredValues.aesgcm("key1", key1, KEY, "hunter2 is not protobuf".getBytes(StandardCharsets.UTF_8));
    StorageCodec codec = StorageCodec.create().withKeys(EncryptionKeys.none().with("aesgcm", "key1", key1));

    assertThatThrownBy(() -> codec.decode(KEY, value, 1))
        .isInstanceOf(UndecodableValueException.class)
        .hasMessageContaining("after decryption, not a Kubernetes object")
        .hasMessageNotContaining("hunter2")
        .hasMessageNotContaining("68 75 6e");
  }

  @Test
  void truncatedCiphertext() {
    byte[] value = Arrays.copyOf(StoredValues.secretbox("key1", key1, secret), 40);
    StorageCodec codec = StorageCodec.create().withKeys(EncryptionKeys.none().with("secretbox", "key1", key1));

    assertThatThrownBy(() -> codec.decrypt(KEY, value)).isInstanceOf(UndecodableValueException.class);
  }

  @Test
  void unencryptedValuesAreReturnedAsTheyAre() {
    byte[] plain = StorageCodec.create().decrypt(KEY, secret);

    assertThat(plain).isEqualTo(secret).isNotSameAs(secret);
  }

  private void assertDecryptsToTheSecret(StorageCodec codec, byte[] value, String provider) {
    assertThat(StoredValue.inspect(value).encryption()).hasValueSatisfying(prefix -> {
      assertThat(prefix.provider()).isEqualTo(provider);
      assertThat(prefix.keyName()).isEqualTo("key1");
    });
    assertThat(codec.decrypt(KEY, value)).isEqualTo(secret);
    DecodedObject decoded = codec.decode(KEY, value, 12);
    assertThat(decoded.kind()).isEqualTo("Secret");
    assertThat(decoded.encoding()).isEqualTo(StorageEncoding.PROTOBUF);
    assertThat(decoded.encryption()).map(EncryptionPrefix::provider).contains(provider);
    assertThat(decoded.json().path("data").path("password").asText()).isEqualTo("aHVudGVyMg==");
    assertThat(decoded.json().path("metadata").path("resourceVersion").asText()).isEqualTo("12");
    assertThat(decoded.toString()).contains("encrypted with " + provider + " key \"key1\"").doesNotContain("aHVudGVyMg");
  }

  private byte[] encrypt(String provider, String keyName, byte[] key) {
    return switch (provider) {
      case "aescbc" -> StoredValues.aescbc(keyName, key, secret);
      case "aesgcm" -> StoredValues.aesgcm(keyName, key, KEY, secret);
      default -> StoredValues.secretbox(keyName, key, secret);
    };
  }
}
