package io.github.etcdregistry.pki;

import static io.github.etcdregistry.pki.Certificates.CLIENT_AUTH;
import static io.github.etcdregistry.pki.Certificates.SAN_DNS;
import static io.github.etcdregistry.pki.Certificates.SAN_IP;
import static io.github.etcdregistry.pki.Certificates.SERVER_AUTH;
import static io.github.etcdregistry.pki.Certificates.alternativeNames;
import static io.github.etcdregistry.pki.Certificates.read;
import static io.github.etcdregistry.pki.Certificates.subjectValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterPkiTest {

  private static ClusterPki pki;

  @BeforeAll
  static void generate() {
    pki = ClusterPki.generate(PkiRequest.defaults());
  }

  @AfterAll
  static void cleanUp() {
    pki.close();
  }

  @Test
  void laysFilesOutLikeKubeadm() {
    Path root = pki.directory();
    assertThat(root.getFileName().toString()).startsWith("etcd-registry-pki-");
    assertThat(pki.etcdCaCert()).isEqualTo(root.resolve("etcd/ca.crt"));
    assertThat(pki.etcdServerCert()).isEqualTo(root.resolve("etcd/server.crt"));
    assertThat(pki.etcdServerKey()).isEqualTo(root.resolve("etcd/server.key"));
    assertThat(pki.apiserverEtcdClientCert()).isEqualTo(root.resolve("apiserver-etcd-client.crt"));
    assertThat(pki.apiserverEtcdClientKey()).isEqualTo(root.resolve("apiserver-etcd-client.key"));
    assertThat(pki.caCert()).isEqualTo(root.resolve("ca.crt"));
    assertThat(pki.caKey()).isEqualTo(root.resolve("ca.key"));
    assertThat(pki.apiserverCert()).isEqualTo(root.resolve("apiserver.crt"));
    assertThat(pki.apiserverKey()).isEqualTo(root.resolve("apiserver.key"));
    assertThat(pki.adminCert()).isEqualTo(root.resolve("admin.crt"));
    assertThat(pki.adminKey()).isEqualTo(root.resolve("admin.key"));
    assertThat(pki.serviceAccountKey()).isEqualTo(root.resolve("sa.key"));
    assertThat(pki.serviceAccountPublicKey()).isEqualTo(root.resolve("sa.pub"));

    assertThat(filesUnder(root))
        .containsExactlyInAnyOrder(
            "etcd/ca.crt", "etcd/ca.key", "etcd/server.crt", "etcd/server.key",
            "apiserver-etcd-client.crt", "apiserver-etcd-client.key",
            "ca.crt", "ca.key", "apiserver.crt", "apiserver.key", "admin.crt", "admin.key",
            "sa.key", "sa.pub");
  }

  @Test
  void privateKeysAreOwnerOnlyAndDirectoriesToo() throws IOException {
    assumeTrue(Directories.supportsPosix(pki.directory()), "POSIX file system");
    assertThat(permissions(pki.directory())).isEqualTo("rwx------");
    assertThat(permissions(pki.directory().resolve("etcd"))).isEqualTo("rwx------");

    List<Path> keys = paths(pki.directory()).filter(p -> p.toString().endsWith(".key")).toList();
    assertThat(keys).hasSize(7);
    for (Path key : keys) {
      assertThat(permissions(key)).as(key.toString()).isEqualTo("rw-------");
    }
    for (Path certificate : paths(pki.directory()).filter(p -> p.toString().endsWith(".crt")).toList()) {
      String mode = permissions(certificate);
      assertThat(mode.charAt(4)).as(certificate + " group-writable").isNotEqualTo('w');
      assertThat(mode.charAt(7)).as(certificate + " world-writable").isNotEqualTo('w');
    }
  }

  @Test
  void privateKeysArePkcs8EcP256() throws Exception {
    List<Path> keys = paths(pki.directory()).filter(p -> p.toString().endsWith(".key")).toList();
    for (Path key : keys) {
      String pem = Files.readString(key, StandardCharsets.US_ASCII);
      assertThat(pem).as(key.toString()).startsWith("-----BEGIN PRIVATE KEY-----").contains("-----END PRIVATE KEY-----");
      PrivateKey parsed =
          KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(derOf(pem, "PRIVATE KEY")));
      assertThat(((ECKey) parsed).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
    }
  }

  @Test
  void certificatesArePemEcdsaP256SignedWithSha256() throws Exception {
    for (Path file : allCertificates()) {
      assertThat(Files.readString(file)).startsWith("-----BEGIN CERTIFICATE-----");
      X509Certificate certificate = read(file);
      assertThat(certificate.getSigAlgName()).as(file.toString()).isEqualTo("SHA256withECDSA");
      assertThat(certificate.getPublicKey().getAlgorithm()).isEqualTo("EC");
      assertThat(((ECKey) certificate.getPublicKey()).getParams().getCurve().getField().getFieldSize())
          .isEqualTo(256);
      assertThat(certificate.getVersion()).isEqualTo(3);
    }
  }

  @Test
  void eachKeyMatchesItsCertificate() throws Exception {
    Map<Path, Path> pairs =
        Map.of(
            pki.etcdCaCert(), pki.directory().resolve("etcd/ca.key"),
            pki.etcdServerCert(), pki.etcdServerKey(),
            pki.apiserverEtcdClientCert(), pki.apiserverEtcdClientKey(),
            pki.caCert(), pki.caKey(),
            pki.apiserverCert(), pki.apiserverKey(),
            pki.adminCert(), pki.adminKey());
    for (Map.Entry<Path, Path> pair : pairs.entrySet()) {
      assertSignatureRoundTrip(PemReader.readPrivateKey(pair.getValue()), read(pair.getKey()).getPublicKey());
    }
  }

  @Test
  void certificatesChainToTheirCa() throws Exception {
    X509Certificate etcdCa = read(pki.etcdCaCert());
    X509Certificate kubernetesCa = read(pki.caCert());
    etcdCa.verify(etcdCa.getPublicKey());
    kubernetesCa.verify(kubernetesCa.getPublicKey());

    for (Path leaf : List.of(pki.etcdServerCert(), pki.apiserverEtcdClientCert())) {
      read(leaf).verify(etcdCa.getPublicKey());
      assertValidPath(read(leaf), etcdCa);
      assertThat(read(leaf).getIssuerX500Principal()).isEqualTo(etcdCa.getSubjectX500Principal());
      assertThatThrownBy(() -> read(leaf).verify(kubernetesCa.getPublicKey())).isInstanceOf(SignatureException.class);
    }
    for (Path leaf : List.of(pki.apiserverCert(), pki.adminCert())) {
      read(leaf).verify(kubernetesCa.getPublicKey());
      assertValidPath(read(leaf), kubernetesCa);
      assertThat(read(leaf).getIssuerX500Principal()).isEqualTo(kubernetesCa.getSubjectX500Principal());
      assertThatThrownBy(() -> read(leaf).verify(etcdCa.getPublicKey())).isInstanceOf(SignatureException.class);
    }
  }

  @Test
  void authoritiesAreCasWithCriticalConstraintsAndKeyUsage() throws Exception {
    for (Path file : List.of(pki.etcdCaCert(), pki.caCert())) {
      X509Certificate ca = read(file);
      assertThat(ca.getBasicConstraints()).as("CA=true").isGreaterThanOrEqualTo(0);
      assertThat(ca.getCriticalExtensionOIDs())
          .contains(Extension.basicConstraints.getId(), Extension.keyUsage.getId());
      boolean[] usage = ca.getKeyUsage();
      assertThat(usage[0]).as("digitalSignature").isTrue();
      assertThat(usage[5]).as("keyCertSign").isTrue();
      assertThat(usage[6]).as("cRLSign").isTrue();
      assertThat(subjectKeyIdentifier(ca)).isNotEmpty();
      assertThat(ca.getSubjectX500Principal()).isEqualTo(ca.getIssuerX500Principal());
    }
    assertThat(subjectValues(read(pki.etcdCaCert()), "CN")).containsExactly("etcd-ca");
    assertThat(subjectValues(read(pki.caCert()), "CN")).containsExactly("kubernetes");
  }

  @Test
  void leavesAreNotCasAndNameTheirAuthorityKey() throws Exception {
    Map<Path, Path> issuers =
        Map.of(
            pki.etcdServerCert(), pki.etcdCaCert(),
            pki.apiserverEtcdClientCert(), pki.etcdCaCert(),
            pki.apiserverCert(), pki.caCert(),
            pki.adminCert(), pki.caCert());
    for (Path file : issuers.keySet()) {
      X509Certificate leaf = read(file);
      X509Certificate ca = read(issuers.get(file));
      assertThat(leaf.getBasicConstraints()).as(file + " CA=false").isEqualTo(-1);
      assertThat(leaf.getExtensionValue(Extension.basicConstraints.getId())).as("BasicConstraints present").isNotNull();
      assertThat(leaf.getKeyUsage()).as("digitalSignature only")
          .isEqualTo(new boolean[] {true, false, false, false, false, false, false, false, false});
      byte[] authorityKey =
          AuthorityKeyIdentifier.getInstance(
                  JcaX509ExtensionUtils.parseExtensionValue(leaf.getExtensionValue(Extension.authorityKeyIdentifier.getId())))
              .getKeyIdentifierOctets();
      assertThat(authorityKey).isEqualTo(subjectKeyIdentifier(ca));
    }
  }

  @Test
  void serialsArePositiveDistinctAndAtMost128Bits() {
    List<BigInteger> serials = allCertificates().stream().map(file -> read(file).getSerialNumber()).toList();
    assertThat(serials).allSatisfy(serial -> {
      assertThat(serial.signum()).isPositive();
      assertThat(serial.bitLength()).isLessThanOrEqualTo(128);
    });
    assertThat(serials).doesNotHaveDuplicates();
  }

  @Test
  void etcdServerCertificateServesAndDialsWithTheRequestedNames() {
    X509Certificate server = read(pki.etcdServerCert());
    assertThat(alternativeNames(server, SAN_DNS)).containsExactly("localhost");
    assertThat(alternativeNames(server, SAN_IP)).containsExactly("127.0.0.1");
    assertThat(extendedKeyUsage(server)).containsExactlyInAnyOrder(SERVER_AUTH, CLIENT_AUTH);
  }

  @Test
  void apiserverEtcdClientCertificate() {
    X509Certificate client = read(pki.apiserverEtcdClientCert());
    assertThat(subjectValues(client, "CN")).containsExactly("kube-apiserver-etcd-client");
    assertThat(extendedKeyUsage(client)).containsExactly(CLIENT_AUTH);
    assertThat(alternativeNames(client, SAN_DNS)).isEmpty();
  }

  @Test
  void apiserverCertificateCarriesTheInClusterNamesAndTheFirstServiceIp() {
    X509Certificate apiserver = read(pki.apiserverCert());
    assertThat(subjectValues(apiserver, "CN")).containsExactly("kube-apiserver");
    assertThat(extendedKeyUsage(apiserver)).containsExactly(SERVER_AUTH);
    assertThat(alternativeNames(apiserver, SAN_DNS))
        .containsExactly(
            "localhost",
            "kubernetes",
            "kubernetes.default",
            "kubernetes.default.svc",
            "kubernetes.default.svc.cluster.local");
    assertThat(alternativeNames(apiserver, SAN_IP)).containsExactly("127.0.0.1", "10.96.0.1");
  }

  @Test
  void adminIsInSystemMasters() {
    X509Certificate admin = read(pki.adminCert());
    assertThat(subjectValues(admin, "CN")).containsExactly("kubernetes-admin");
    assertThat(subjectValues(admin, "O")).containsExactly("system:masters");
    assertThat(extendedKeyUsage(admin)).containsExactly(CLIENT_AUTH);
  }

  @Test
  void serviceAccountKeyPairIsPkcs8AndSubjectPublicKeyInfo() throws Exception {
    String privatePem = Files.readString(pki.serviceAccountKey());
    String publicPem = Files.readString(pki.serviceAccountPublicKey());
    assertThat(privatePem).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(publicPem).startsWith("-----BEGIN PUBLIC KEY-----");
    PrivateKey privateKey =
        KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(derOf(privatePem, "PRIVATE KEY")));
    PublicKey publicKey =
        KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(derOf(publicPem, "PUBLIC KEY")));
    assertThat(((ECKey) publicKey).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
    assertSignatureRoundTrip(privateKey, publicKey);
  }

  @Test
  void everyCertificateSharesTheValidityWindow() {
    for (Path file : allCertificates()) {
      X509Certificate certificate = read(file);
      assertThat(certificate.getNotAfter().toInstant()).isEqualTo(pki.notAfter());
      assertThat(certificate.getNotBefore().toInstant()).isEqualTo(pki.notBefore());
    }
    assertThat(Duration.between(pki.notBefore(), pki.notAfter())).isEqualTo(Duration.ofHours(24).plusMinutes(1));
  }

  @Test
  void toStringShowsNoKeyMaterial() throws IOException {
    String key = Files.readString(pki.caKey());
    String body = key.lines().skip(1).findFirst().orElseThrow();
    assertThat(pki.toString()).contains(pki.directory().toString()).doesNotContain("PRIVATE").doesNotContain(body);
  }

  @Nested
  class WithARequest {

    @Test
    void addsNamesToTheDefaultsAndHonoursTheValidity() {
      PkiRequest request =
          PkiRequest.defaults()
              .withEtcdServerNames("etcd", "etcd.local")
              .withEtcdServerIps("172.18.0.2", "::1")
              .withApiServerNames("kube-apiserver")
              .withApiServerIps("172.18.0.3")
              .withValidity(Duration.ofHours(2));
      try (ClusterPki custom = ClusterPki.generate(request)) {
        X509Certificate etcd = read(custom.etcdServerCert());
        assertThat(alternativeNames(etcd, SAN_DNS)).containsExactly("localhost", "etcd", "etcd.local");
        assertThat(alternativeNames(etcd, SAN_IP)).containsExactly("127.0.0.1", "172.18.0.2", "0:0:0:0:0:0:0:1");

        X509Certificate apiserver = read(custom.apiserverCert());
        assertThat(alternativeNames(apiserver, SAN_DNS))
            .startsWith("localhost", "kubernetes")
            .endsWith("kube-apiserver")
            .hasSize(6);
        assertThat(alternativeNames(apiserver, SAN_IP)).containsExactly("127.0.0.1", "10.96.0.1", "172.18.0.3");

        assertThat(Duration.between(etcd.getNotBefore().toInstant(), etcd.getNotAfter().toInstant()))
            .isEqualTo(Duration.ofHours(2).plus(ValidityPeriod.CLOCK_SKEW));
        assertThat(custom.notAfter()).isEqualTo(etcd.getNotAfter().toInstant());
      }
    }
  }

  @Nested
  class InAGivenDirectory {

    @TempDir Path work;

    @Test
    void createsItOwnerOnlyWithKeysOwnerOnlyAndDeletesOnlyIt() throws IOException {
      Path directory = work.resolve("pki");
      try (ClusterPki inWork = ClusterPki.generate(PkiRequest.defaults(), directory)) {
        assertThat(inWork.directory()).isEqualTo(directory);
        assertThat(inWork.caCert()).isEqualTo(directory.resolve("ca.crt"));
        assertThat(filesUnder(directory)).hasSize(14);
        if (Directories.supportsPosix(directory)) {
          assertThat(permissions(directory)).isEqualTo("rwx------");
          assertThat(permissions(directory.resolve("etcd"))).isEqualTo("rwx------");
          for (Path key : paths(directory).filter(p -> p.toString().endsWith(".key")).toList()) {
            assertThat(permissions(key)).as(key.toString()).isEqualTo("rw-------");
          }
        }
      }
      assertThat(directory).doesNotExist();
      assertThat(work).isDirectory();
    }

    @Test
    void refusesADirectoryThatExistsAndLeavesItAlone() throws IOException {
      Path existing = Files.createDirectory(work.resolve("pki"));
      Path someoneElses = Files.writeString(existing.resolve("ca.crt"), "not ours");
      assertThatThrownBy(() -> ClusterPki.generate(PkiRequest.defaults(), existing)).isInstanceOf(UncheckedIOException.class);
      assertThat(someoneElses).hasContent("not ours");
    }
  }

  @Nested
  class IssuingAClientCertificate {

    private ClusterPki pki;

    @BeforeEach
    void generate() {
      pki = ClusterPki.generate(PkiRequest.defaults());
    }

    @AfterEach
    void cleanUp() {
      pki.close();
    }

    @Test
    void writesAKubernetesClientCertificateForAUser() throws Exception {
      CertificateFiles jane = pki.issueClientCertificate("jane", "jane", "developers", "qa");
      assertThat(jane.certificate()).isEqualTo(pki.directory().resolve("jane.crt")).exists();
      assertThat(jane.privateKey()).isEqualTo(pki.directory().resolve("jane.key")).exists();
      if (Directories.supportsPosix(pki.directory())) {
        assertThat(permissions(jane.privateKey())).isEqualTo("rw-------");
      }
      assertThat(Files.readString(jane.privateKey())).startsWith("-----BEGIN PRIVATE KEY-----");

      X509Certificate certificate = read(jane.certificate());
      certificate.verify(read(pki.caCert()).getPublicKey());
      assertThat(subjectValues(certificate, "CN")).containsExactly("jane");
      assertThat(subjectValues(certificate, "O")).containsExactlyInAnyOrder("developers", "qa");
      assertThat(extendedKeyUsage(certificate)).containsExactly(CLIENT_AUTH);
      assertThat(certificate.getNotAfter().toInstant()).isEqualTo(pki.notAfter());
      assertSignatureRoundTrip(PemReader.readPrivateKey(jane.privateKey()), certificate.getPublicKey());
    }

    @Test
    void refusesNamesThatAreNotPlainFileNames() {
      for (String name : List.of("", "../evil", "sub/dir", ".hidden", "a b")) {
        assertThatThrownBy(() -> pki.issueClientCertificate(name, "x"))
            .as(name)
            .isInstanceOf(IllegalArgumentException.class);
      }
      assertThat(pki.directory().resolveSibling("evil.key")).doesNotExist();
    }

    @Test
    void neverOverwritesAnExistingFile() throws IOException {
      String before = Files.readString(pki.caKey());
      assertThatThrownBy(() -> pki.issueClientCertificate("ca", "intruder"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("already exists");
      assertThat(Files.readString(pki.caKey())).isEqualTo(before);
      assertThat(pki.caCert()).exists();
    }
  }

  @Nested
  class Closing {

    @Test
    void deletesTheDirectoryAndIsIdempotent() {
      ClusterPki closing = ClusterPki.generate(PkiRequest.defaults());
      closing.issueClientCertificate("extra", "extra");
      Path root = closing.directory();
      assertThat(root).isDirectory();

      closing.close();
      assertThat(root).doesNotExist();
      assertThatCode(closing::close).doesNotThrowAnyException();
      assertThatThrownBy(() -> closing.issueClientCertificate("late", "late"))
          .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void toleratesADirectoryDeletedBySomeoneElse() {
      ClusterPki closing = ClusterPki.generate(PkiRequest.defaults());
      Directories.deleteRecursively(closing.directory());
      assertThatCode(closing::close).doesNotThrowAnyException();
    }

    @Test
    void generatesIndependentPkis() {
      try (ClusterPki other = ClusterPki.generate(PkiRequest.defaults())) {
        assertThat(other.directory()).isNotEqualTo(pki.directory());
        assertThat(read(other.caCert()).getPublicKey()).isNotEqualTo(read(pki.caCert()).getPublicKey());
      }
    }
  }

  // ---------------------------------------------------------------------------------------------

  private static List<Path> allCertificates() {
    return List.of(
        pki.etcdCaCert(), pki.etcdServerCert(), pki.apiserverEtcdClientCert(),
        pki.caCert(), pki.apiserverCert(), pki.adminCert());
  }

  private static List<String> extendedKeyUsage(X509Certificate certificate) {
    try {
      return certificate.getExtendedKeyUsage();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] subjectKeyIdentifier(X509Certificate certificate) throws IOException {
    return SubjectKeyIdentifier.getInstance(
            JcaX509ExtensionUtils.parseExtensionValue(certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId())))
        .getKeyIdentifier();
  }

  private static void assertValidPath(X509Certificate leaf, X509Certificate ca) throws Exception {
    PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
    parameters.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX")
        .validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), parameters);
  }

  private static void assertSignatureRoundTrip(PrivateKey privateKey, PublicKey publicKey) throws Exception {
    byte[] message = "etcd-registry".getBytes(StandardCharsets.US_ASCII);
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(privateKey);
    signer.update(message);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(publicKey);
    verifier.update(message);
    assertThat(verifier.verify(signature)).isTrue();
  }

  static byte[] derOf(String pem, String type) {
    String body =
        pem.substring(pem.indexOf("-----BEGIN " + type + "-----") + ("-----BEGIN " + type + "-----").length(),
            pem.indexOf("-----END " + type + "-----"));
    return Base64.getMimeDecoder().decode(body);
  }

  private static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static Stream<Path> paths(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).toList().stream();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static Set<String> filesUnder(Path root) {
    return paths(root)
        .map(p -> root.relativize(p).toString().replace('\\', '/'))
        .collect(Collectors.toSet());
  }
}
