package io.github.etcdregistry.codec;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.protobuf.Message;
import io.kubernetes.client.proto.Meta;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/** Builds etcd values the way kube-apiserver writes them. */
final class StoredValues {

  private static final SecureRandom RANDOM = new SecureRandom();

  private StoredValues() {
  }

  /** {@code k8s\0} + runtime.Unknown{typeMeta, raw, contentEncoding "", contentType ""}. */
  static byte[] protobuf(String apiVersion, String kind, Message object) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x6b, 0x38, 0x73, 0x00});
    out.writeBytes(io.kubernetes.client.proto.Runtime.Unknown.newBuilder()
        .setTypeMeta(io.kubernetes.client.proto.Runtime.TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
        .setRaw(object.toByteString())
        .setContentEncoding("")
        .setContentType("")
        .build()
        .toByteArray());
    return out.toByteArray();
  }

  /** JSON text with the trailing newline the apiserver writes. */
  static byte[] json(String text) {
    return (text + "\n").getBytes(UTF_8);
  }

  static Meta.Time time(String rfc3339) {
    return Meta.Time.newBuilder().setSeconds(Instant.parse(rfc3339).getEpochSecond()).setNanos(0).build();
  }

  static Meta.MicroTime microTime(String rfc3339) {
    Instant instant = Instant.parse(rfc3339);
    return Meta.MicroTime.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }

  static byte[] randomKey(int length) {
    byte[] key = new byte[length];
    RANDOM.nextBytes(key);
    return key;
  }

  /** {@code k8s:enc:aescbc:v1:<name>:} IV(16) AES-CBC-PKCS#7(plaintext). */
  static byte[] aescbc(String keyName, byte[] key, byte[] plaintext) {
    byte[] iv = randomKey(16);
    try {
      Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
      return concat(prefix("aescbc", keyName), iv, cipher.doFinal(plaintext));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code k8s:enc:aesgcm:v1:<name>:} nonce(12) AES-GCM(plaintext, additional data = etcd key) tag(16). */
  static byte[] aesgcm(String keyName, byte[] key, String etcdKey, byte[] plaintext) {
    byte[] nonce = randomKey(12);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
      cipher.updateAAD(etcdKey.getBytes(UTF_8));
      return concat(prefix("aesgcm", keyName), nonce, cipher.doFinal(plaintext));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code k8s:enc:secretbox:v1:<name>:} nonce(24) secretbox.Seal(plaintext). */
  static byte[] secretbox(String keyName, byte[] key, byte[] plaintext) {
    byte[] nonce = randomKey(24);
    return concat(prefix("secretbox", keyName), nonce, seal(key, nonce, plaintext));
  }

  /** golang.org/x/crypto/nacl/secretbox.Seal: Poly1305 tag(16) then XSalsa20 ciphertext. */
  static byte[] seal(byte[] key, byte[] nonce, byte[] plaintext) {
    XSalsa20Engine stream = new XSalsa20Engine();
    stream.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
    byte[] oneTimeKey = new byte[32];
    stream.processBytes(new byte[32], 0, 32, oneTimeKey, 0);
    byte[] ciphertext = new byte[plaintext.length];
    stream.processBytes(plaintext, 0, plaintext.length, ciphertext, 0);
    Poly1305 mac = new Poly1305();
    mac.init(new KeyParameter(oneTimeKey));
    mac.update(ciphertext, 0, ciphertext.length);
    byte[] tag = new byte[16];
    mac.doFinal(tag, 0);
    return concat(tag, ciphertext);
  }

  static byte[] prefix(String provider, String keyName) {
    return ("k8s:enc:" + provider + ":v1:" + keyName + ":").getBytes(US_ASCII);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
