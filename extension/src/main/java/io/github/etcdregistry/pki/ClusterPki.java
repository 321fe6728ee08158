package io.github.etcdregistry.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A fresh PKI for one control plane, in its own directory ({@code rwx------}) — a temporary one, or
 * one inside the control plane's work directory — laid out like kubeadm's {@code /etc/kubernetes/pki}:
 *
 * <pre>
 * etcd/ca.crt, etcd/ca.key            etcd CA (CN=etcd-ca)
 * etcd/server.crt, etcd/server.key    etcd serving (and peer/self client) certificate
 * apiserver-etcd-client.crt/.key      kube-apiserver's client certificate for etcd
 * ca.crt, ca.key                      kubernetes CA (CN=kubernetes)
 * apiserver.crt, apiserver.key        kube-apiserver serving certificate
 * admin.crt, admin.key                CN=kubernetes-admin, O=system:masters
 * sa.key, sa.pub                      service account signing key pair
 * etcd/peer-&lt;member&gt;.crt/.key         an etcd cluster member's peer certificate, once issued
 * </pre>
 *
 * All keys are ECDSA P-256, private keys PKCS#8 PEM with mode {@code rw-------}; all certificates
 * share one validity window, {@code now - 1 minute} to {@code now + validity}.
 * {@link #close()} deletes the directory.
 *
 * <p>Longer than most classes here because it is the one place that spells the file layout: a getter per file,
 * each documented, beside the generation that writes them.
 */
public final class ClusterPki implements AutoCloseable {

  /** Common names, as kubeadm uses them. */
  static final String ETCD_CA_NAME = "etcd-ca";
  static final String ETCD_SERVER_NAME = "kube-etcd";
  static final String APISERVER_ETCD_CLIENT_NAME = "kube-apiserver-etcd-client";
  static final String KUBERNETES_CA_NAME = "kubernetes";
  static final String APISERVER_NAME = "kube-apiserver";
  static final String ADMIN_NAME = "kubernetes-admin";
  static final String MASTERS_GROUP = "system:masters";

  /** The names every apiserver certificate carries, as kubeadm's (service domain cluster.local). */
  static final List<String> APISERVER_FIXED_NAMES =
      List.of(
          "localhost",
          "kubernetes",
          "kubernetes.default",
          "kubernetes.default.svc",
          "kubernetes.default.svc.cluster.local");
  static final List<String> APISERVER_FIXED_IPS = List.of("127.0.0.1");

  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  private final Path directory;
  private final CertificateAuthority etcdCa;
  private final CertificateAuthority kubernetesCa;
  private final ValidityPeriod validity;
  private boolean closed;

  private ClusterPki(Path directory, CertificateAuthority etcdCa, CertificateAuthority kubernetesCa, ValidityPeriod validity) {
    this.directory = directory;
    this.etcdCa = etcdCa;
    this.kubernetesCa = kubernetesCa;
    this.validity = validity;
  }

  /**
   * Generates every CA, certificate and key into a new directory
   * {@code <java.io.tmpdir>/etcd-registry-pki-*}. On failure nothing is left behind.
   */
  public static ClusterPki generate(PkiRequest request) {
    Objects.requireNonNull(request, "request");
    return generateInto(Directories.createPrivateTempDirectory("etcd-registry-pki-"), request);
  }

  /**
   * Generates every CA, certificate and key into {@code directory}, which is created ({@code rwx------}) and must
   * not exist yet, e.g. {@code pki} in a work directory, so that deleting the work directory deletes the PKI too.
   * On failure nothing is left behind.
   *
   * @throws java.io.UncheckedIOException if the directory exists or cannot be created
   */
  public static ClusterPki generate(PkiRequest request, Path directory) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(directory, "directory");
    return generateInto(Directories.createPrivateDirectory(directory), request);
  }

  private static ClusterPki generateInto(Path directory, PkiRequest request) {
    ValidityPeriod validity = ValidityPeriod.startingAt(Instant.now(), request.validity());
    try {
      CertificateAuthority etcdCa = CertificateAuthority.create(ETCD_CA_NAME, validity);
      CertificateAuthority kubernetesCa = CertificateAuthority.create(KUBERNETES_CA_NAME, validity);
      ClusterPki pki = new ClusterPki(directory, etcdCa, kubernetesCa, validity);
      pki.writeFiles(request);
      return pki;
    } catch (RuntimeException | Error e) {
      try {
        Directories.deleteRecursively(directory);
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  /** The PKI's root, like kubeadm's {@code /etc/kubernetes/pki}. */
  public Path directory() {
    return directory;
  }

  /** {@code etcd/ca.crt}: the etcd CA ({@code etcd/ca.key} lies beside it). */
  public Path etcdCaCert() {
    return file("etcd/ca.crt");
  }

  /** {@code etcd/ca.key}. */
  public Path etcdCaKey() {
    return file("etcd/ca.key");
  }

  /** {@code etcd/server.crt}: serverAuth and clientAuth, SANs from the request. */
  public Path etcdServerCert() {
    return file("etcd/server.crt");
  }

  /** {@code etcd/server.key}. */
  public Path etcdServerKey() {
    return file("etcd/server.key");
  }

  /** {@code apiserver-etcd-client.crt}: CN=kube-apiserver-etcd-client, from the etcd CA, clientAuth. */
  public Path apiserverEtcdClientCert() {
    return file("apiserver-etcd-client.crt");
  }

  /** {@code apiserver-etcd-client.key}. */
  public Path apiserverEtcdClientKey() {
    return file("apiserver-etcd-client.key");
  }

  /** {@code ca.crt}: the kubernetes CA (CN=kubernetes). */
  public Path caCert() {
    return file("ca.crt");
  }

  /** {@code ca.key}. */
  public Path caKey() {
    return file("ca.key");
  }

  /** {@code apiserver.crt}: CN=kube-apiserver, serverAuth, the in-cluster names plus the request's. */
  public Path apiserverCert() {
    return file("apiserver.crt");
  }

  /** {@code apiserver.key}. */
  public Path apiserverKey() {
    return file("apiserver.key");
  }

  /** {@code admin.crt}: CN=kubernetes-admin, O=system:masters, clientAuth, from the kubernetes CA. */
  public Path adminCert() {
    return file("admin.crt");
  }

  /** {@code admin.key}. */
  public Path adminKey() {
    return file("admin.key");
  }

  /** {@code sa.key}: the service account signing key, PKCS#8 PEM. */
  public Path serviceAccountKey() {
    return file("sa.key");
  }

  /** {@code sa.pub}: the service account verification key, PEM {@code PUBLIC KEY}. */
  public Path serviceAccountPublicKey() {
    return file("sa.pub");
  }

  /**
   * {@code etcd/peer-<member>.crt} and {@code .key}: where {@link #issueEtcdPeerCertificate} puts the peer
   * certificate of one etcd cluster member.
   */
  public CertificateFiles etcdPeerFiles(String member) {
    return files("etcd/peer-" + member);
  }

  /**
   * Issues another client certificate from the kubernetes CA, e.g. for a user in a test, into
   * {@code <name>.crt} and {@code <name>.key}. It has the same validity as the rest of the PKI.
   *
   * @param name the file name without extension: letters, digits, {@code .}, {@code _}, {@code -}
   * @param commonName the user name kube-apiserver sees
   * @param organizations the groups kube-apiserver sees
   * @throws IllegalArgumentException if the name is not a plain file name or is already taken
   * @throws IllegalStateException after {@link #close()}
   */
  public synchronized CertificateFiles issueClientCertificate(
      String name, String commonName, String... organizations) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(commonName, "commonName");
    Objects.requireNonNull(organizations, "organizations");
    if (closed) {
      throw new IllegalStateException("this PKI is closed: " + directory);
    }
    if (!FILE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "not a plain file name (letters, digits, '.', '_', '-'): '" + name + "'");
    }
    CertificateFiles files = files(name);
    if (Files.exists(files.certificate()) || Files.exists(files.privateKey())) {
      throw new IllegalArgumentException("a certificate named '" + name + "' already exists in " + directory);
    }
    LeafProfile profile = LeafProfile.client(commonName, organizations);
    try {
      issue(kubernetesCa, profile, files);
    } catch (RuntimeException e) {
      deleteQuietly(files.privateKey(), e);
      deleteQuietly(files.certificate(), e);
      throw e;
    }
    return files;
  }

  /**
   * Issues a peer certificate for one member of an etcd cluster from the etcd CA, into
   * {@code etcd/peer-<member>.crt} and {@code .key}: serverAuth and clientAuth (members dial each other), CN and
   * a DNS name of the member's name, plus {@code localhost}, {@code 127.0.0.1} and the given names and addresses.
   *
   * @throws IllegalArgumentException if the member name is not a plain file name or is already taken
   */
  public synchronized CertificateFiles issueEtcdPeerCertificate(String member, List<String> dnsNames, List<String> ipAddresses) {
    Objects.requireNonNull(member, "member");
    if (closed) {
      throw new IllegalStateException("this PKI is closed: " + directory);
    }
    if (!FILE_NAME.matcher(member).matches()) {
      throw new IllegalArgumentException("not a plain member name (letters, digits, '.', '_', '-'): '" + member + "'");
    }
    CertificateFiles files = etcdPeerFiles(member);
    if (Files.exists(files.certificate())) {
      throw new IllegalArgumentException("a peer certificate for '" + member + "' already exists in " + directory);
    }
    issue(etcdCa, LeafProfile.serverAndClient(member, LeafProfile.distinct(List.of(member, "localhost"), dnsNames),
        LeafProfile.distinct(List.of("127.0.0.1"), ipAddresses)), files);
    return files;
  }

  /** When every certificate of this PKI expires (whole seconds). */
  public Instant notAfter() {
    return validity.notAfter();
  }

  /** When every certificate of this PKI became valid: a minute before generation. */
  public Instant notBefore() {
    return validity.notBefore();
  }

  /** Deletes the whole directory. Idempotent; a directory already deleted by someone else is fine. */
  @Override
  public synchronized void close() {
    closed = true;
    Directories.deleteRecursively(directory);
  }

  @Override
  public String toString() {
    return "ClusterPki[" + directory + ", notAfter=" + validity.notAfter() + "]";
  }

  /** Writes the files every getter above names; the getters are the one place the layout is spelled. */
  private void writeFiles(PkiRequest request) {
    Directories.createPrivateDirectory(etcdCaCert().getParent());
    writeAuthority(etcdCa, new CertificateFiles(etcdCaCert(), etcdCaKey()));
    issue(
        etcdCa,
        LeafProfile.serverAndClient(ETCD_SERVER_NAME, request.etcdServerNames(), request.etcdServerIps()),
        new CertificateFiles(etcdServerCert(), etcdServerKey()));
    issue(
        etcdCa,
        LeafProfile.client(APISERVER_ETCD_CLIENT_NAME),
        new CertificateFiles(apiserverEtcdClientCert(), apiserverEtcdClientKey()));

    writeAuthority(kubernetesCa, new CertificateFiles(caCert(), caKey()));
    issue(
        kubernetesCa,
        LeafProfile.server(
            APISERVER_NAME,
            LeafProfile.distinct(APISERVER_FIXED_NAMES, request.apiServerNames()),
            LeafProfile.distinct(APISERVER_FIXED_IPS, request.apiServerIps())),
        new CertificateFiles(apiserverCert(), apiserverKey()));
    issue(kubernetesCa, LeafProfile.client(ADMIN_NAME, MASTERS_GROUP), new CertificateFiles(adminCert(), adminKey()));

    KeyPair serviceAccount = EcKeys.generateP256();
    PemFiles.writePrivateKey(serviceAccountKey(), serviceAccount.getPrivate());
    PemFiles.writePublicKey(serviceAccountPublicKey(), serviceAccount.getPublic());
  }

  private Path file(String relativePath) {
    return directory.resolve(relativePath);
  }

  private CertificateFiles files(String baseName) {
    return new CertificateFiles(file(baseName + ".crt"), file(baseName + ".key"));
  }

  private static void writeAuthority(CertificateAuthority authority, CertificateFiles files) {
    PemFiles.writePrivateKey(files.privateKey(), authority.privateKey());
    PemFiles.writeCertificate(files.certificate(), authority.certificate());
  }

  private static void issue(CertificateAuthority authority, LeafProfile profile, CertificateFiles files) {
    KeyPair keys = EcKeys.generateP256();
    PemFiles.writePrivateKey(files.privateKey(), keys.getPrivate());
    PemFiles.writeCertificate(files.certificate(), authority.issue(profile, keys.getPublic()));
  }

  private static void deleteQuietly(Path file, RuntimeException failure) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      failure.addSuppressed(new UncheckedIOException(e));
    }
  }
}
