/**
 * A fresh, throw-away PKI per control plane, laid out like kubeadm's {@code /etc/kubernetes/pki}
 * so that commands copied from articles ({@code etcdctl --cacert etcd/ca.crt ...}) read the same.
 *
 * <p>{@link io.github.etcdregistry.pki.ClusterPki#generate(PkiRequest)} writes two certificate
 * authorities (etcd and kubernetes), the etcd server and apiserver certificates, the apiserver's
 * etcd client certificate, an admin client certificate ({@code O=system:masters}) and the service
 * account key pair. Everything is ECDSA P-256 signed with SHA256withECDSA, valid for a short time,
 * private keys PKCS#8 PEM readable by the owner only. {@link io.github.etcdregistry.pki.TlsFiles}
 * turns such files back into a JDK {@link javax.net.ssl.SSLContext}.
 *
 * <p>Nothing here knows of JUnit or of how etcd and kube-apiserver are started.
 */
package io.github.etcdregistry.pki;
