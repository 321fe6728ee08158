package io.github.etcdregistry.controlplane;

import io.github.etcdregistry.pki.ClusterPki;

/**
 * The PKI file paths as a component sees them: the host paths for a process, the paths the files were
 * copied to for a container. Same kubeadm layout either way.
 */
record PkiPaths(String directory) {

  static final String IN_CONTAINER = "/etc/kubernetes/pki";

  static PkiPaths onHost(ClusterPki pki) {
    return new PkiPaths(pki.directory().toString());
  }

  static PkiPaths inContainer() {
    return new PkiPaths(IN_CONTAINER);
  }

  String etcdCaCert() {
    return directory + "/etcd/ca.crt";
  }

  String etcdServerCert() {
    return directory + "/etcd/server.crt";
  }

  String etcdServerKey() {
    return directory + "/etcd/server.key";
  }

  String apiserverEtcdClientCert() {
    return directory + "/apiserver-etcd-client.crt";
  }

  String apiserverEtcdClientKey() {
    return directory + "/apiserver-etcd-client.key";
  }

  String caCert() {
    return directory + "/ca.crt";
  }

  String caKey() {
    return directory + "/ca.key";
  }

  String apiserverCert() {
    return directory + "/apiserver.crt";
  }

  String apiserverKey() {
    return directory + "/apiserver.key";
  }

  String serviceAccountKey() {
    return directory + "/sa.key";
  }

  String serviceAccountPublicKey() {
    return directory + "/sa.pub";
  }
}
