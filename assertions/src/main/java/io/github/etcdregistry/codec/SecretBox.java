package io.github.etcdregistry.codec;

import java.util.Optional;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.util.Arrays;

/**
 * NaCl secretbox (XSalsa20-Poly1305) opening, laid out as golang.org/x/crypto/nacl/secretbox does it:
 * the box is the 16-byte Poly1305 tag followed by the ciphertext. Built from BouncyCastle's primitives.
 */
final class SecretBox {

  static final int KEY_LENGTH = 32;
  static final int NONCE_LENGTH = 24;
  static final int TAG_LENGTH = 16;

  private SecretBox() {
  }

  /** The plaintext of {@code box[offset..]}, or empty when the tag does not verify (wrong key or tampered). */
  static Optional<byte[]> open(byte[] key, byte[] nonce, byte[] box, int offset) {
    int ciphertextLength = box.length - offset - TAG_LENGTH;
    if (ciphertextLength < 0) {
      return Optional.empty();
    }
    XSalsa20Engine stream = new XSalsa20Engine();
    stream.init(false, new ParametersWithIV(new KeyParameter(key), nonce));
    // The first 32 keystream bytes are the one-time Poly1305 key; the message is XORed with the rest.
    byte[] oneTimeKey = new byte[32];
    stream.processBytes(new byte[32], 0, 32, oneTimeKey, 0);

    Poly1305 mac = new Poly1305();
    mac.init(new KeyParameter(oneTimeKey));
    mac.update(box, offset + TAG_LENGTH, ciphertextLength);
    byte[] tag = new byte[TAG_LENGTH];
    mac.doFinal(tag, 0);
    if (!Arrays.constantTimeAreEqual(TAG_LENGTH, tag, 0, box, offset)) {
      return Optional.empty();
    }
    byte[] plaintext = new byte[ciphertextLength];
    stream.processBytes(box, offset + TAG_LENGTH, ciphertextLength, plaintext, 0);
    return Optional.of(plaintext);
  }
}
