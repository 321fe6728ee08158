package io.github.etcdregistry.codec;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1Apps;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Telling what a value is from its first bytes. */
class StoredValueTest {

  @Test
  void protobufNamesTheEnvelopeType() {
    byte[] value = StoredValues.protobuf("apps/v1", "Deployment",
        V1Apps.Deployment.newBuilder().setMetadata(Meta.ObjectMeta.newBuilder().setName("web")).build());

    StoredValue stored = StoredValue.inspect(value);

    assertThat(stored.encoding()).isEqualTo(StorageEncoding.PROTOBUF);
    assertThat(stored.apiVersion()).contains("apps/v1");
    assertThat(stored.kind()).contains("Deployment");
    assertThat(stored.encryption()).isEmpty();
    assertThat(stored.size()).isEqualTo(value.length);
    assertThat(stored.hexPreview()).startsWith("6b 38 73 00 0a ").endsWith(" (" + value.length + " bytes)");
    assertThat(stored).hasToString("protobuf apps/v1 Deployment, " + value.length + " bytes");
  }

  @Test
  void hexPreviewShowsAtMost32Bytes() {
    byte[] value = new byte[40];
    value[0] = (byte) 0xab;

    String preview = StoredValue.inspect(value).hexPreview();

    assertThat(preview).startsWith("ab 00 00 ").endsWith("00 ... (40 bytes)");
    assertThat(preview.split(" ")).hasSize(32 + 3);
    assertThat(StoredValue.inspect(new byte[] {1, 2}).hexPreview()).isEqualTo("01 02 (2 bytes)");
    assertThat(StoredValue.inspect(new byte[0]).hexPreview()).isEqualTo("(0 bytes)");
  }

  @Test
  void encryptedValuesNameProviderAndKey() {
    StoredValue aescbc = StoredValue.inspect(bytes("k8s:enc:aescbc:v1:key1:0123456789abcdef..."));
    StoredValue kms = StoredValue.inspect(bytes("k8s:enc:kms:v2:vault:\n\u0001x"));

    assertThat(aescbc.encoding()).isEqualTo(StorageEncoding.ENCRYPTED);
    assertThat(aescbc.encryption()).contains(new EncryptionPrefix("aescbc", "v1", "key1", 23));
    assertThat(aescbc.apiVersion()).isEmpty();
    assertThat(aescbc).hasToString("encrypted with aescbc key \"key1\", 42 bytes");
    assertThat(kms.encryption()).hasValueSatisfying(prefix -> {
      assertThat(prefix.isKms()).isTrue();
      assertThat(prefix.version()).isEqualTo("v2");
      assertThat(prefix.keyName()).isEqualTo("vault");
      assertThat(prefix.text()).isEqualTo("k8s:enc:kms:v2:vault:");
      assertThat(prefix).hasToString("kms v2 plugin \"vault\"");
    });
  }

  @Test
  void otherEncodings() {
    assertThat(StoredValue.inspect(bytes("  {\"kind\":\"X\"}")).encoding()).isEqualTo(StorageEncoding.JSON);
    assertThat(StoredValue.inspect(bytes("[]")).kind()).isEmpty();
    assertThat(StoredValue.inspect(new byte[] {(byte) 0xd9, (byte) 0xd9, (byte) 0xf7}).encoding())
        .isEqualTo(StorageEncoding.CBOR);
    assertThat(StoredValue.inspect(bytes("12345")).encoding()).isEqualTo(StorageEncoding.UNKNOWN);
    assertThat(StoredValue.inspect(bytes("k8s:enc:aescbc")).encoding()).isEqualTo(StorageEncoding.UNKNOWN);
    assertThat(StoredValue.inspect(bytes("k8s:enc::v1:key:")).encoding()).isEqualTo(StorageEncoding.UNKNOWN);
    assertThat(StorageEncoding.PROTOBUF).hasToString("protobuf");
  }

  @Test
  void neverThrowsOnGarbage() {
    Random random = new Random(42);
    for (int i = 0; i < 2_000; i++) {
      byte[] value = new byte[random.nextInt(64)];
      random.nextBytes(value);
      if (i % 2 == 0 && value.length >= 4) {
        System.arraycopy(new byte[] {0x6b, 0x38, 0x73, 0x00}, 0, value, 0, 4);
      }
      assertThat(StoredValue.inspect(value).size()).isEqualTo(value.length);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(US_ASCII);
  }
}
