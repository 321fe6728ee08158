package io.github.etcdregistry.codec;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Removes encryption at rest the way kube-apiserver's transformers read it back:
 * <ul>
 *   <li>{@code aescbc}: IV(16) then AES-CBC with PKCS#7 padding;</li>
 *   <li>{@code aesgcm}: nonce(12) then AES-GCM ciphertext and tag(16), authenticated with the etcd key;</li>
 *   <li>{@code secretbox}: nonce(24) then a NaCl secretbox.</li>
 * </ul>
 * KMS-encrypted values need the KMS plugin and are refused with a message saying so.
 */
final class ValueDecrypter {

  private static final int CBC_IV_LENGTH = 16;
  private static final int GCM_NONCE_LENGTH = 12;
  private static final int GCM_TAG_BITS = 128;

  private final EncryptionKeys keys;

  ValueDecrypter(EncryptionKeys keys) {
    this.keys = keys;
  }

  /** The plaintext under the prefix of an {@linkplain StorageEncoding#ENCRYPTED encrypted} value. */
  byte[] decrypt(String etcdKey, byte[] value, StoredValue stored) {
    EncryptionPrefix prefix = stored.encryption().orElseThrow();
    if (prefix.isKms()) {
      throw new UndecodableValueException(etcdKey, stored, "encrypted at rest by the KMS " + prefix.version()
          + " plugin \"" + prefix.keyName() + "\"; reading KMS-encrypted values needs the plugin and is not supported");
    }
    List<byte[]> secrets = keys.secrets(prefix.provider(), prefix.keyName());
    if (secrets.isEmpty()) {
      throw new UndecodableValueException(etcdKey, stored, missingKey(prefix));
    }
    for (byte[] secret : secrets) {
      Optional<byte[]> plaintext = open(prefix, secret, etcdKey, value);
      if (plaintext.isPresent()) {
        return plaintext.get();
      }
    }
    throw new UndecodableValueException(etcdKey, stored, "encrypted at rest with " + prefix
        + ", but the supplied " + prefix.provider() + " key \"" + prefix.keyName()
        + "\" does not decrypt it (wrong secret?)");
  }

  private Optional<byte[]> open(EncryptionPrefix prefix, byte[] secret, String etcdKey, byte[] value) {
    int start = prefix.length();
    try {
      return switch (prefix.provider()) {
        case "aescbc" -> openCbc(secret, value, start);
        case "aesgcm" -> openGcm(secret, value, start, etcdKey.getBytes(UTF_8));
        case "secretbox" -> value.length < start + SecretBox.NONCE_LENGTH ? Optional.empty()
            : SecretBox.open(secret, Arrays.copyOfRange(value, start, start + SecretBox.NONCE_LENGTH), value,
                start + SecretBox.NONCE_LENGTH);
        default -> throw new IllegalStateException("no keys are accepted for " + prefix.provider());
      };
    } catch (GeneralSecurityException e) {
      return Optional.empty(); // bad padding or tag: the wrong secret, or a damaged value
    }
  }

  private static Optional<byte[]> openCbc(byte[] secret, byte[] value, int start) throws GeneralSecurityException {
    int length = value.length - start - CBC_IV_LENGTH;
    if (length <= 0 || length % CBC_IV_LENGTH != 0) {
      return Optional.empty();
    }
    Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
    cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(secret, "AES"), new IvParameterSpec(value, start, CBC_IV_LENGTH));
    byte[] plaintext = cipher.doFinal(value, start + CBC_IV_LENGTH, length);
    // CBC has no authentication: a wrong key still passes the padding check about once in 256 tries.
    // Accept only plaintext that is a stored value, so that the next secret, or a clear error, follows.
    StorageEncoding inner = StoredValue.inspect(plaintext).encoding();
    return inner == StorageEncoding.UNKNOWN ? Optional.empty() : Optional.of(plaintext);
  }

  private static Optional<byte[]> openGcm(byte[] secret, byte[] value, int start, byte[] etcdKey)
      throws GeneralSecurityException {
    if (value.length < start + GCM_NONCE_LENGTH + GCM_TAG_BITS / 8) {
      return Optional.empty();
    }
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(secret, "AES"),
        new GCMParameterSpec(GCM_TAG_BITS, value, start, GCM_NONCE_LENGTH));
    cipher.updateAAD(etcdKey);
    return Optional.of(cipher.doFinal(value, start + GCM_NONCE_LENGTH, value.length - start - GCM_NONCE_LENGTH));
  }

  private String missingKey(EncryptionPrefix prefix) {
    String provider = prefix.provider();
    if (!EncryptionKeys.accepts(provider)) {
      return "encrypted at rest with unknown provider \"" + provider + "\" (key \"" + prefix.keyName() + "\")";
    }
    List<String> known = keys.keyNames(provider);
    return "encrypted at rest with " + prefix + ", but no " + provider + " key named \"" + prefix.keyName()
        + "\" was supplied" + (known.isEmpty() ? "" : " (known " + provider + " keys: " + String.join(", ", known) + ")")
        + "; supply it with StorageCodec.withKeys(EncryptionKeys.none().with(\"" + provider + "\", \""
        + prefix.keyName() + "\", secret)) or EncryptionKeys.fromEncryptionConfiguration(path)";
  }
}
