package io.github.etcdregistry.pki;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
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
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Reads PEM certificates and private keys into JDK objects. Messages name the file, never its
 * contents.
 */
final class PemReader {

  private static final Pattern PEM_BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
  private static final List<String> KEY_ALGORITHMS = List.of("EC", "RSA", "Ed25519");

  private PemReader() {}

  /** Every certificate in the file, in order (a chain, or a bundle of CAs). */
  static List<X509Certificate> readCertificates(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      List<X509Certificate> certificates =
          CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
              .map(X509Certificate.class::cast)
              .toList();
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException("no PEM certificate in " + file);
      }
      return certificates;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    } catch (CertificateException e) {
      throw new IllegalArgumentException("not a PEM certificate file: " + file, e);
    }
  }

  /**
   * The first private key in the file. PKCS#8 ({@code PRIVATE KEY}; EC, RSA or Ed25519) is read
   * with the JDK's {@link KeyFactory}; the OpenSSL "traditional" forms ({@code EC PRIVATE KEY},
   * {@code RSA PRIVATE KEY}), as found on older clusters, through BouncyCastle's PEM parser.
   * Encrypted keys are not supported.
   */
  static PrivateKey readPrivateKey(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
    Matcher block = PEM_BLOCK.matcher(text);
    while (block.find()) {
      String type = block.group(1);
      switch (type) {
        case "PRIVATE KEY":
          return pkcs8(file, block.group(2));
        case "EC PRIVATE KEY":
        case "RSA PRIVATE KEY":
          return traditional(file, block.group());
        case "ENCRYPTED PRIVATE KEY":
          throw new IllegalArgumentException("encrypted private keys are not supported: " + file);
        default:
          // e.g. "EC PARAMETERS" before an EC key: skip
      }
    }
    throw new IllegalArgumentException("no PEM private key in " + file);
  }

  private static PrivateKey pkcs8(Path file, String base64) {
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed PEM private key in " + file);
    }
    try {
      PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
      for (String algorithm : KEY_ALGORITHMS) {
        try {
          return KeyFactory.getInstance(algorithm).generatePrivate(spec);
        } catch (InvalidKeySpecException notThisAlgorithm) {
          // try the next one
        } catch (GeneralSecurityException unavailable) {
          // algorithm not offered by this JDK: try the next one
        }
      }
      throw new IllegalArgumentException(
          "unsupported PKCS#8 private key (expected " + KEY_ALGORITHMS + "): " + file);
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }

  private static PrivateKey traditional(Path file, String pem) {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object parsed = parser.readObject();
      if (parsed instanceof PEMKeyPair keyPair) {
        return new JcaPEMKeyConverter().getKeyPair(keyPair).getPrivate();
      }
      throw new IllegalArgumentException("unsupported PEM private key in " + file);
    } catch (IOException e) {
      // the cause's message could quote key material: leave it out
      throw new IllegalArgumentException("malformed PEM private key in " + file);
    }
  }
}
