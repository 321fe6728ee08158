package io.github.etcdregistry.pki;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/** Test helpers that read certificates with the JDK alone, independent of the code under test. */
final class Certificates {

  static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  static final int SAN_DNS = 2;
  static final int SAN_IP = 7;

  private Certificates() {}

  static X509Certificate read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new AssertionError("cannot parse " + file, e);
    }
  }

  /** Subject alternative names of one type (2 = DNS, 7 = IP). */
  static List<String> alternativeNames(X509Certificate certificate, int type) {
    try {
      Collection<List<?>> names = certificate.getSubjectAlternativeNames();
      if (names == null) {
        return List.of();
      }
      return names.stream()
          .filter(entry -> Objects.equals(entry.get(0), type))
          .map(entry -> (String) entry.get(1))
          .toList();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Values of one attribute type (CN, O) of the subject. */
  static List<String> subjectValues(X509Certificate certificate, String type) {
    try {
      return new LdapName(certificate.getSubjectX500Principal().getName()).getRdns().stream()
          .filter(rdn -> rdn.getType().equalsIgnoreCase(type))
          .map(Rdn::getValue)
          .map(String::valueOf)
          .toList();
    } catch (InvalidNameException e) {
      throw new AssertionError(e);
    }
  }
}
