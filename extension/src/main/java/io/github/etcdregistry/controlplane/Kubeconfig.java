package io.github.etcdregistry.controlplane;

import io.github.etcdregistry.pki.ClusterPki;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A kubeconfig for the admin that points at the PKI files, so {@code kubectl --kubeconfig} works as is. */
final class Kubeconfig {

  private Kubeconfig() {}

  static Path write(Path file, URI server, ClusterPki pki) {
    String yaml = yaml(server, pki.caCert().toString(), pki.adminCert().toString(), pki.adminKey().toString());
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, yaml, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new ControlPlaneException("Could not write the kubeconfig " + file + ": " + e.getMessage(), e);
    }
  }

  /** The admin's kubeconfig for {@code server}, with the files where the reader of the config will find them. */
  static String yaml(URI server, String caCert, String adminCert, String adminKey) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: etcd-registry
          cluster:
            server: %s
            certificate-authority: %s
        users:
        - name: kubernetes-admin
          user:
            client-certificate: %s
            client-key: %s
        contexts:
        - name: etcd-registry
          context:
            cluster: etcd-registry
            user: kubernetes-admin
            namespace: default
        current-context: etcd-registry
        """.formatted(server, caCert, adminCert, adminKey);
  }
}
