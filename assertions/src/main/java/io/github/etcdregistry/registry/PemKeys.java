package io.github.etcdregistry.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Certificates and private keys from PEM files with the JDK alone: PKCS#8 ({@code BEGIN PRIVATE KEY}) and OpenSSL's
 * traditional forms that kubeadm and cert-manager write ({@code BEGIN RSA PRIVATE KEY}, {@code BEGIN EC PRIVATE KEY}),
 * the latter wrapped into PKCS#8 here. Messages name the file, never its contents.
 */
final class PemKeys {

  private static final Pattern KEY = Pattern.compile("-----BEGIN ((?:RSA |EC )?)PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END \\1PRIVATE KEY-----");
  private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
  private static final byte[] EC_PUBLIC_KEY_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

  private PemKeys() {}

  static List<X509Certificate> certificates(Path file, String what) {
    try (InputStream in = Files.newInputStream(file)) {
      List<X509Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
          .map(X509Certificate.class::cast).toList();
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException("The " + what + " " + file + " holds no PEM certificate");
      }
      return certificates;
    } catch (CertificateException e) {
      throw new IllegalArgumentException("The " + what + " " + file + " is not a PEM certificate: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the " + what + " " + file, e);
    }
  }

  static PrivateKey privateKey(Path file) {
    String pem;
    try {
      pem = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the client key " + file, e);
    }
    Matcher matcher = KEY.matcher(pem);
    if (!matcher.find()) {
      throw new IllegalArgumentException("The client key " + file + " holds no unencrypted PEM private key (BEGIN PRIVATE KEY,"
          + " BEGIN EC PRIVATE KEY or BEGIN RSA PRIVATE KEY)");
    }
    byte[] der = Base64.getMimeDecoder().decode(matcher.group(2));
    String form = matcher.group(1).trim();
    try {
      return switch (form) {
        case "RSA" -> KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8(RSA_ALGORITHM, der)));
        case "EC" -> KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8(ecAlgorithm(der), der)));
        default -> pkcs8Key(der);
      };
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("The client key " + file + " is not a private key this client reads ("
          + e.getClass().getSimpleName() + ")", e);
    }
  }

  private static PrivateKey pkcs8Key(byte[] der) throws GeneralSecurityException {
    GeneralSecurityException last = null;
    for (String algorithm : List.of("EC", "RSA", "Ed25519")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        last = e;
      }
    }
    throw last;
  }

  /** PrivateKeyInfo: version 0, the algorithm, the traditional key as an octet string. */
  private static byte[] pkcs8(byte[] algorithm, byte[] key) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {0x02, 0x01, 0x00});
    body.writeBytes(algorithm);
    body.writeBytes(tlv(0x04, key));
    return tlv(0x30, body.toByteArray());
  }

  /** SEC 1's ECPrivateKey names its curve in the field tagged [0]; PKCS#8 wants it beside id-ecPublicKey. */
  private static byte[] ecAlgorithm(byte[] sec1) {
    int[] sequence = header(sec1, 0);
    int at = sequence[0];
    while (at < sequence[0] + sequence[1]) {
      int[] field = header(sec1, at);
      if ((sec1[at] & 0xff) == 0xa0) {
        ByteArrayOutputStream algorithm = new ByteArrayOutputStream();
        algorithm.writeBytes(EC_PUBLIC_KEY_OID);
        algorithm.write(sec1, field[0], field[1]);
        return tlv(0x30, algorithm.toByteArray());
      }
      at = field[0] + field[1];
    }
    throw new IllegalArgumentException("an EC private key without its curve");
  }

  /** The offset of the content of the DER element at {@code at}, and its length. */
  private static int[] header(byte[] der, int at) {
    int length = der[at + 1] & 0xff;
    if (length < 0x80) {
      return new int[] {at + 2, length};
    }
    int bytes = length & 0x7f;
    int value = 0;
    for (int i = 0; i < bytes; i++) {
      value = (value << 8) | (der[at + 2 + i] & 0xff);
    }
    return new int[] {at + 2 + bytes, value};
  }

  private static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int length = content.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      int bytes = length < 0x100 ? 1 : length < 0x10000 ? 2 : 3;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(length >> (8 * i));
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
  }
}
