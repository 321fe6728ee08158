package io.github.etcdregistry.pki;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed ECDSA P-256 certificate authority held in memory: it signs end-entity
 * certificates for public keys it is handed. It writes nothing to disk.
 *
 * <p>BouncyCastle builds the certificates; signing and parsing use the JDK's providers, so no
 * provider is registered globally.
 */
final class CertificateAuthority {

  static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
  private static final SecureRandom SERIALS = new SecureRandom();

  private final X500Name subject;
  private final X509Certificate certificate;
  private final PrivateKey privateKey;
  private final SubjectKeyIdentifier keyIdentifier;
  private final ValidityPeriod validity;

  private CertificateAuthority(
      X500Name subject,
      X509Certificate certificate,
      PrivateKey privateKey,
      SubjectKeyIdentifier keyIdentifier,
      ValidityPeriod validity) {
    this.subject = subject;
    this.certificate = certificate;
    this.privateKey = privateKey;
    this.keyIdentifier = keyIdentifier;
    this.validity = validity;
  }

  /**
   * A new CA named {@code CN=<commonName>}: BasicConstraints CA=true (critical), KeyUsage
   * keyCertSign, cRLSign, digitalSignature (critical), SubjectKeyIdentifier.
   */
  static CertificateAuthority create(String commonName, ValidityPeriod validity) {
    Objects.requireNonNull(validity, "validity");
    X500Name subject = LeafProfile.subject(commonName);
    KeyPair keys = EcKeys.generateP256();
    try {
      SubjectKeyIdentifier keyIdentifier = extensionUtils().createSubjectKeyIdentifier(keys.getPublic());
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  subject,
                  randomSerial(),
                  validity.notBeforeDate(),
                  validity.notAfterDate(),
                  subject,
                  keys.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
              .addExtension(
                  Extension.keyUsage,
                  true,
                  new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
              .addExtension(Extension.subjectKeyIdentifier, false, keyIdentifier);
      X509Certificate certificate = sign(builder, keys.getPrivate());
      return new CertificateAuthority(subject, certificate, keys.getPrivate(), keyIdentifier, validity);
    } catch (CertIOException e) {
      throw new IllegalStateException("could not build the CA certificate " + subject, e);
    }
  }

  /**
   * Signs a certificate for {@code subjectKey} as described by {@code profile}: BasicConstraints
   * CA=false (critical), KeyUsage digitalSignature (critical), the profile's ExtendedKeyUsage and
   * subject alternative names, AuthorityKeyIdentifier = this CA's key identifier, a random positive
   * 128-bit serial, and this CA's validity period.
   */
  X509Certificate issue(LeafProfile profile, PublicKey subjectKey) {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(subjectKey, "subjectKey");
    try {
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  subject,
                  randomSerial(),
                  validity.notBeforeDate(),
                  validity.notAfterDate(),
                  profile.subject(),
                  subjectKey)
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
              .addExtension(
                  Extension.extendedKeyUsage,
                  false,
                  new ExtendedKeyUsage(profile.extendedKeyUsages().toArray(KeyPurposeId[]::new)))
              .addExtension(
                  Extension.authorityKeyIdentifier,
                  false,
                  new AuthorityKeyIdentifier(keyIdentifier.getKeyIdentifier()));
      GeneralNames alternativeNames = alternativeNames(profile);
      if (alternativeNames != null) {
        builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames);
      }
      return sign(builder, privateKey);
    } catch (CertIOException e) {
      throw new IllegalStateException("could not build the certificate " + profile.subject(), e);
    }
  }

  X509Certificate certificate() {
    return certificate;
  }

  /** The CA's signing key; only for writing {@code ca.key} beside {@code ca.crt}. */
  PrivateKey privateKey() {
    return privateKey;
  }

  @Override
  public String toString() {
    return "CertificateAuthority[" + subject + ", notAfter=" + validity.notAfter() + "]";
  }

  private static GeneralNames alternativeNames(LeafProfile profile) {
    List<GeneralName> names = new ArrayList<>();
    profile.dnsNames().forEach(name -> names.add(new GeneralName(GeneralName.dNSName, name)));
    profile.ipAddresses().forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
    return names.isEmpty() ? null : new GeneralNames(names.toArray(GeneralName[]::new));
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signingKey) {
    try {
      ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(signingKey);
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (OperatorCreationException | CertificateException e) {
      throw new IllegalStateException("could not sign a certificate with " + SIGNATURE_ALGORITHM, e);
    }
  }

  /** Random, positive, at most 128 bits: unique enough, and well inside RFC 5280's 20 octets. */
  static BigInteger randomSerial() {
    BigInteger serial;
    do {
      serial = new BigInteger(128, SERIALS);
    } while (serial.signum() == 0);
    return serial;
  }

  private static JcaX509ExtensionUtils extensionUtils() {
    try {
      return new JcaX509ExtensionUtils();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 (for key identifiers) is not available", e);
    }
  }
}
