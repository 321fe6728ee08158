package io.github.etcdregistry.controlplane.internal.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.github.etcdregistry.pki.CertificateFiles;
import io.github.etcdregistry.pki.ClusterPki;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Clients for users other than the admin: each gets a client certificate the cluster CA signs, with the user name
 * as CN and the groups as O — how kube-apiserver's x509 authenticator reads them. Closes the clients it made.
 */
public final class UserClients implements AutoCloseable {

  private final List<KubernetesClient> clients = new ArrayList<>();
  private int issued;

  public synchronized KubernetesClient clientFor(ClusterPki pki, URI apiServer, String user, String... groups) {
    if (user == null || user.isBlank()) {
      throw new IllegalArgumentException("Give the user name the client authenticates as, e.g. clientFor(\"alice\", \"dev-team\")");
    }
    for (String group : groups) {
      if (group == null || group.isBlank()) {
        throw new IllegalArgumentException("A group name is empty for user " + user + "; give names such as \"dev-team\"");
      }
    }
    // a file name of its own per call: the same user may be asked for with other groups
    String fileName = "user-" + user.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-") + "-" + (++issued);
    CertificateFiles certificate = pki.issueClientCertificate(fileName.substring(0, Math.min(fileName.length(), 100)), user, groups);
    Config config = ClientCertificateConfig.of(apiServer, pki.caCert(), certificate.certificate(), certificate.privateKey()).build();
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    clients.add(client);
    return client;
  }

  @Override
  public synchronized void close() {
    clients.forEach(KubernetesClient::close);
    clients.clear();
  }
}
