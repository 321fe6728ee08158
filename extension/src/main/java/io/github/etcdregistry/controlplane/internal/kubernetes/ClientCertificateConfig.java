package io.github.etcdregistry.controlplane.internal.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.net.URI;
import java.nio.file.Path;

/** A fabric8 configuration that authenticates to kube-apiserver by a client certificate of the control plane's PKI. */
public final class ClientCertificateConfig {

  private ClientCertificateConfig() {}

  public static ConfigBuilder of(URI kubeApiServer, Path caCert, Path clientCert, Path clientKey) {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(kubeApiServer.toString())
        .withCaCertFile(caCert.toString())
        .withClientCertFile(clientCert.toString())
        .withClientKeyFile(clientKey.toString())
        .withClientKeyAlgo("EC") // the PKI is ECDSA; fabric8 would read the key as RSA
        .withNamespace("default");
  }
}
