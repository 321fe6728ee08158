package io.github.etcdregistry.controlplane.internal.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.etcdregistry.controlplane.ControlPlaneException;
import io.github.etcdregistry.controlplane.internal.ConfigYaml;
import io.github.etcdregistry.pki.ClusterPki;
import io.github.etcdregistry.pki.TlsFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A kubeconfig for the admin that points at the PKI files, so {@code kubectl --kubeconfig} and fabric8 work as is. */
public final class Kubeconfig {

  private static final String CLUSTER = "etcd-registry";
  private static final String USER = "kubernetes-admin";

  private Kubeconfig() {}

  /**
   * Writes the admin's kubeconfig to {@code file}, and beside it the admin's key in the form every kubeconfig reader
   * takes ({@code <file>.key}, see {@link TlsFiles#writeTraditionalKey}).
   */
  public static Path write(Path file, URI server, ClusterPki pki) {
    Path key = file.resolveSibling(file.getFileName() + ".key");
    try {
      Files.deleteIfExists(key);
    } catch (IOException e) {
      throw new ControlPlaneException("Could not replace " + key + ": " + e.getMessage(), e);
    }
    TlsFiles.writeTraditionalKey(pki.adminKey(), key);
    String yaml = yaml(server, pki.caCert().toString(), pki.adminCert().toString(), key.toString());
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, yaml, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new ControlPlaneException("Could not write the kubeconfig " + file + ": " + e.getMessage(), e);
    }
  }

  /** The admin's kubeconfig for {@code server}, with the files where the reader of the config will find them. */
  public static String yaml(URI server, String caCert, String adminCert, String adminKey) {
    ObjectNode config = ConfigYaml.object().put("apiVersion", "v1").put("kind", "Config");
    config.putArray("clusters").addObject().put("name", CLUSTER)
        .putObject("cluster").put("server", server.toString()).put("certificate-authority", caCert);
    config.putArray("users").addObject().put("name", USER)
        .putObject("user").put("client-certificate", adminCert).put("client-key", adminKey);
    config.putArray("contexts").addObject().put("name", CLUSTER)
        .putObject("context").put("cluster", CLUSTER).put("user", USER).put("namespace", "default");
    config.put("current-context", CLUSTER);
    return ConfigYaml.write(config);
  }
}
