package io.github.etcdregistry.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Writes PEM files that do not exist yet. Private keys are PKCS#8 ({@code -----BEGIN PRIVATE
 * KEY-----}, what Go, Netty and fabric8 all read) in files created with mode {@code rw-------}:
 * the permission is part of the creation, so no other user can ever open the file.
 * Certificates and public keys get {@code rw-r--r--}.
 */
final class PemFiles {

  static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");

  private PemFiles() {}

  /** {@code -----BEGIN CERTIFICATE-----}, mode 0644. */
  static void writeCertificate(Path file, X509Certificate certificate) {
    write(file, WORLD_READABLE, pem -> pem.writeObject(certificate));
  }

  /** {@code -----BEGIN PUBLIC KEY-----} (SubjectPublicKeyInfo), mode 0644. */
  static void writePublicKey(Path file, PublicKey publicKey) {
    write(file, WORLD_READABLE, pem -> pem.writeObject(publicKey));
  }

  /** {@code -----BEGIN PRIVATE KEY-----} (unencrypted PKCS#8), mode 0600 from the start. */
  static void writePrivateKey(Path file, PrivateKey privateKey) {
    write(file, OWNER_READ_WRITE, pem -> pem.writeObject(new JcaPKCS8Generator(privateKey, null)));
  }

  /**
   * {@code -----BEGIN EC PRIVATE KEY-----} (OpenSSL's traditional form, as kubeadm writes EC keys), mode 0600 from the
   * start: the form every kubeconfig reader takes, fabric8 included, which reads a PKCS#8 key of unnamed algorithm as RSA.
   */
  static void writeTraditionalPrivateKey(Path file, PrivateKey privateKey) {
    PrivateKeyInfo info = PrivateKeyInfo.getInstance(privateKey.getEncoded());
    if (!info.getPrivateKeyAlgorithm().getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      throw new IllegalArgumentException("not an EC key: " + info.getPrivateKeyAlgorithm().getAlgorithm());
    }
    ECPrivateKey inner = ECPrivateKey.getInstance(parse(info));
    // the curve inside the key, as OpenSSL and kubeadm write it: readers of this form (fabric8) need it there
    ECPrivateKey withCurve = new ECPrivateKey(((java.security.interfaces.ECPrivateKey) privateKey).getParams().getOrder().bitLength(),
        inner.getKey(), inner.getPublicKey(), info.getPrivateKeyAlgorithm().getParameters());
    write(file, OWNER_READ_WRITE, pem -> pem.writeObject(new PemObject("EC PRIVATE KEY", withCurve.getEncoded())));
  }

  private static ASN1Encodable parse(PrivateKeyInfo info) {
    try {
      return info.parsePrivateKey();
    } catch (IOException e) {
      throw new UncheckedIOException("an EC key that does not parse", e);
    }
  }

  private interface PemContent {
    void writeTo(JcaPEMWriter pem) throws IOException;
  }

  private static void write(Path file, Set<PosixFilePermission> permissions, PemContent content) {
    FileAttribute<?>[] attributes =
        Directories.supportsPosix(file)
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
            : new FileAttribute<?>[0];
    boolean created = false;
    try (SeekableByteChannel channel =
            Files.newByteChannel(
                file, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
      created = true;
      // Straight to the file: no copy of a key's PEM text is kept in a String.
      Writer writer = Channels.newWriter(channel, StandardCharsets.US_ASCII);
      JcaPEMWriter pem = new JcaPEMWriter(writer);
      content.writeTo(pem);
      pem.flush();
    } catch (IOException e) {
      if (created) {
        deletePartial(file, e);
      }
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  private static void deletePartial(Path file, IOException failure) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }
}
