package io.github.etcdregistry.pki;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads PEM certificates and private keys into JDK objects. Messages name the file, never its
 * contents.
 */
final class PemReader {

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
   * The first private key in the file: PKCS#8 ({@code PRIVATE KEY}; EC, RSA or Ed25519) or the OpenSSL "traditional"
   * forms ({@code EC PRIVATE KEY}, {@code RSA PRIVATE KEY}) found on older clusters, read with BouncyCastle's PEM
   * parser. Other blocks (such as {@code EC PARAMETERS}) are skipped; encrypted keys are not supported.
   */
  static PrivateKey readPrivateKey(Path file) {
    BufferedReader text;
    try {
      text = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try (PEMParser parser = new PEMParser(text)) {
      for (Object block = parser.readObject(); block != null; block = parser.readObject()) {
        if (block instanceof PrivateKeyInfo pkcs8) {
          return converter.getPrivateKey(pkcs8);
        }
        if (block instanceof PEMKeyPair keyPair) {
          return converter.getKeyPair(keyPair).getPrivate();
        }
        if (block instanceof PKCS8EncryptedPrivateKeyInfo || block instanceof PEMEncryptedKeyPair) {
          throw new IllegalArgumentException("encrypted private keys are not supported: " + file);
        }
      }
    } catch (IOException e) {
      // the parser's message could quote key material: leave it out
      throw new IllegalArgumentException("malformed PEM private key in " + file);
    }
    throw new IllegalArgumentException("no PEM private key in " + file);
  }
}
