package io.github.etcdregistry.controlplane.internal;

import io.github.etcdregistry.controlplane.ControlPlaneException;
import io.github.etcdregistry.controlplane.Setting;
import io.github.etcdregistry.controlplane.Settings;
import io.github.etcdregistry.controlplane.internal.container.ContainerEtcd;
import io.github.etcdregistry.controlplane.internal.container.ContainerKubeApiServer;
import io.github.etcdregistry.controlplane.internal.etcd.EtcdCluster;
import io.github.etcdregistry.pki.ClusterPki;
import io.github.etcdregistry.pki.Directories;
import io.github.etcdregistry.pki.PkiRequest;
import io.github.etcdregistry.pki.TlsFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;

/**
 * What every component of a control plane shares: a work directory only its owner may read, a fresh PKI whose server
 * certificates name the hosts the components are reached at, and the address container ports are published on.
 * Preparing one first removes what control planes of dead JVMs left behind; the PKI lies inside the directory, so
 * closing it removes both.
 */
public record Workspace(Path directory, ClusterPki pki, String publishAddress) implements AutoCloseable {

  public static Workspace prepare(ComponentSpec spec, Settings settings) {
    Leftovers.reapDirectories(); // a JVM killed with SIGKILL ran no shutdown hook
    String host = "127.0.0.1";
    if (spec.containers()) {
      Leftovers.reapDocker(DockerClientFactory.instance().client());
      host = DockerClientFactory.instance().dockerHostIpAddress();
    }
    Path directory = ownerOnlyTempDirectory();
    try {
      Owner.current().mark(directory);
      String publishAddress = settings.get(Setting.PUBLISH_ADDRESS).map(Settings.Value::value)
          .orElse(local(host) ? "127.0.0.1" : "0.0.0.0"); // a remote Docker host is reached on its own address
      ClusterPki pki = ClusterPki.generate(pkiRequest(host, spec.etcdMembers()), directory.resolve("pki"));
      return new Workspace(directory, pki, publishAddress);
    } catch (RuntimeException e) {
      Directories.deleteRecursively(directory);
      throw e;
    }
  }

  /** A probe presenting kube-apiserver's etcd client certificate, as etcd demands. */
  public HttpsProbe etcdProbe() {
    return new HttpsProbe(TlsFiles.clientSslContext(pki.etcdCaCert(), pki.apiserverEtcdClientCert(), pki.apiserverEtcdClientKey()));
  }

  /** A probe presenting the admin's client certificate, for kube-apiserver. */
  public HttpsProbe adminProbe() {
    return new HttpsProbe(TlsFiles.clientSslContext(pki.caCert(), pki.adminCert(), pki.adminKey()));
  }

  @Override
  public void close() {
    try {
      pki.close();
    } finally {
      Directories.deleteRecursively(directory);
    }
  }

  private static boolean local(String dockerHost) {
    return dockerHost.equals("127.0.0.1") || dockerHost.equals("localhost");
  }

  private static PkiRequest pkiRequest(String host, int etcdMembers) {
    PkiRequest request = PkiRequest.defaults()
        .withEtcdServerNames(Stream.concat(Stream.of(ContainerEtcd.ALIAS), IntStream.range(0, etcdMembers).mapToObj(EtcdCluster::memberName))
            .toArray(String[]::new))
        .withApiServerNames(ContainerKubeApiServer.ALIAS);
    if (!local(host)) {
      request = host.matches("[0-9.]+|[0-9a-fA-F:]+")
          ? request.withEtcdServerIps(host).withApiServerIps(host)
          : request.withEtcdServerNames(host).withApiServerNames(host);
    }
    return request;
  }

  private static Path ownerOnlyTempDirectory() {
    try {
      return Files.createTempDirectory("etcd-registry-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new ControlPlaneException("Could not create a work directory: " + e.getMessage(), e);
    }
  }
}
