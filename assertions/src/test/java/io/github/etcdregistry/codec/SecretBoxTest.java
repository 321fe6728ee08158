package io.github.etcdregistry.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Known answers from NaCl, as used by golang.org/x/crypto/nacl/secretbox and libsodium tests. */
class SecretBoxTest {

  @Test
  void opensTheBoxFromGosSecretboxTest() {
    byte[] key = filled(32, 1);
    byte[] nonce = filled(24, 2);
    // secretbox_test.go TestSecretBox: "expected was generated using the C implementation of NaCl".
    byte[] box = HexFormat.of().parseHex("8442bc313f4626f1359e3b50122b6ce6fe66ddfe7d39d14e637eb4fd5b45bead"
        + "ab55198df6ab5368439792a23c87db70acb6156dc5ef957ac04f6276cf6093b84be77ff0849cc33e34b7254d5a8f65ad");

    assertThat(SecretBox.open(key, nonce, box, 0)).hasValue(filled(64, 3));
  }

  @Test
  void opensTheBoxOfLibsodiumsTestVectorAtAnOffset() {
    byte[] box = {0x55, (byte) 175, (byte) 153, (byte) 180, (byte) 147, (byte) 246, 123, (byte) 253, 41,
        (byte) 159, (byte) 169, 32, 114, 64, (byte) 251, (byte) 167, (byte) 179, (byte) 178, 91, (byte) 200, (byte) 139};

    assertThat(SecretBox.open(new byte[32], new byte[24], box, 1)).hasValue("test".getBytes());
  }

  @Test
  void rejectsTamperedBoxesAndWrongKeys() {
    byte[] key = filled(32, 1);
    byte[] nonce = filled(24, 2);
    byte[] box = StoredValues.seal(key, nonce, "hello".getBytes());

    for (int i = 0; i < box.length; i++) {
      byte[] tampered = box.clone();
      tampered[i] ^= 0x20;
      assertThat(SecretBox.open(key, nonce, tampered, 0)).as("byte %d flipped", i).isEmpty();
    }
    assertThat(SecretBox.open(filled(32, 9), nonce, box, 0)).isEmpty();
    assertThat(SecretBox.open(key, nonce, Arrays.copyOf(box, 15), 0)).isEmpty();
  }

  private static byte[] filled(int length, int value) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }
}
