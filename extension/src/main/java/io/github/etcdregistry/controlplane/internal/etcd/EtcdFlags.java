package io.github.etcdregistry.controlplane.internal.etcd;

import io.github.etcdregistry.controlplane.internal.HttpsProbe;
import io.github.etcdregistry.controlplane.internal.PkiPaths;
import io.github.etcdregistry.pki.CertificateFiles;
import io.github.etcdregistry.pki.ClusterPki;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line and health check of an etcd member for tests: mutual TLS on the client and the peer port, no
 * plaintext listener, raft timers tuned for members on one machine, and no fsync — a test's data lives
 * for one run, and fsync is most of etcd's write latency.
 */
public final class EtcdFlags {

  public static final int CLIENT_PORT = 2379;
  public static final int PEER_PORT = 2380;

  /** Flags the control plane sets and relies on; a name ending in {@code -} stands for every flag it begins. */
  private static final List<String> OWN_FLAGS = List.of("--name", "--data-dir", "--wal-dir", "--listen-", "--advertise-client-urls",
      "--initial-", "--discovery", "--client-cert-auth", "--trusted-ca-file", "--cert-file", "--key-file", "--auto-tls", "--peer-",
      "--client-crl-file", "--config-file");

  private EtcdFlags() {}

  /** etcd is ready when {@code /health} says so to a client presenting a certificate. */
  public static boolean healthy(HttpsProbe probe, URI clientUrl) {
    HttpsProbe.Response response = probe.get(clientUrl.resolve("/health"));
    return response != null && response.status() == 200 && response.body().contains("\"health\":\"true\"");
  }

  /**
   * A single member named {@code etcd}, whose serving certificate is also its peer certificate.
   *
   * @param listenHost the address to bind ({@code 127.0.0.1} for a process, {@code 0.0.0.0} in a container)
   * @param advertiseHost the name others use: {@code 127.0.0.1}, or the container's network alias
   * @param files the PKI file paths as etcd sees them
   */
  public static List<String> of(String dataDir, String listenHost, String advertiseHost, int clientPort, int peerPort, PkiPaths files,
      List<String> extraFlags) {
    Member single = new Member("etcd", advertiseHost, "etcd=https://" + advertiseHost + ":" + peerPort, files.of(ClusterPki::etcdServerCert),
        files.of(ClusterPki::etcdServerKey), 10, 100);
    return of(single, dataDir, listenHost, clientPort, peerPort, files, extraFlags);
  }

  /**
   * One member of a cluster, with its own peer certificate, and raft timers for several members on a busy machine.
   *
   * @param extraFlags the user's own flags, e.g. {@code --max-request-bytes=...}; last, so that they win over ours
   */
  public static List<String> of(Member member, String dataDir, String listenHost, int clientPort, int peerPort, PkiPaths files,
      List<String> extraFlags) {
    String client = "https://" + member.advertiseHost() + ":" + clientPort;
    String peer = "https://" + member.advertiseHost() + ":" + peerPort;
    List<String> flags = new ArrayList<>();
    flags.add("--name=" + member.name());
    flags.add("--data-dir=" + dataDir);
    flags.add("--listen-client-urls=https://" + listenHost + ":" + clientPort);
    flags.add("--advertise-client-urls=" + client);
    flags.add("--listen-peer-urls=https://" + listenHost + ":" + peerPort);
    flags.add("--initial-advertise-peer-urls=" + peer);
    flags.add("--initial-cluster=" + member.initialCluster());
    flags.add("--initial-cluster-state=new");
    flags.add("--client-cert-auth=true");
    flags.add("--trusted-ca-file=" + files.of(ClusterPki::etcdCaCert));
    flags.add("--cert-file=" + files.of(ClusterPki::etcdServerCert));
    flags.add("--key-file=" + files.of(ClusterPki::etcdServerKey));
    flags.add("--peer-client-cert-auth=true");
    flags.add("--peer-trusted-ca-file=" + files.of(ClusterPki::etcdCaCert));
    flags.add("--peer-cert-file=" + member.peerCert());
    flags.add("--peer-key-file=" + member.peerKey());
    flags.add("--heartbeat-interval=" + member.heartbeatMillis());
    flags.add("--election-timeout=" + member.electionTimeoutMillis());
    flags.add("--unsafe-no-fsync=true");
    flags.add("--log-level=warn");
    flags.addAll(extraFlags);
    return flags;
  }

  /**
   * Refuses a user's flag that would undo what the control plane promises: mutual TLS with its own PKI on its own
   * ports and data directory, and its members. Tuning flags ({@code --max-request-bytes}, {@code --quota-backend-bytes},
   * {@code --auto-compaction-*}, {@code --unsafe-no-fsync=false}, ...) pass.
   */
  public static void checkExtra(List<String> extraFlags) {
    for (String flag : extraFlags) {
      if (flag == null || !flag.startsWith("--")) {
        throw new IllegalArgumentException("etcd flags look like --name=value, was: " + flag);
      }
      String name = flag.contains("=") ? flag.substring(0, flag.indexOf('=')) : flag;
      if (OWN_FLAGS.stream().anyMatch(own -> own.endsWith("-") ? name.startsWith(own) : name.equals(own))) {
        throw new IllegalArgumentException("etcd flag " + name + " is the control plane's own: it keeps etcd on mutual TLS with"
            + " the generated PKI, on the ports, data directory and members it chose. Remove " + flag + " from the etcd flags;"
            + " to reach etcd, use controlPlane.etcdEndpoint() and the files of controlPlane.pki().");
      }
    }
  }

  /**
   * A member's identity in its cluster.
   *
   * @param initialCluster {@code name=peerUrl,...} for every member
   */
  public record Member(String name, String advertiseHost, String initialCluster, String peerCert, String peerKey, int heartbeatMillis,
      int electionTimeoutMillis) {

    /** Members of a cluster of several: slower raft timers, since two cores also run kube-apiserver and the tests. */
    static Member ofCluster(String name, String advertiseHost, String initialCluster, PkiPaths files) {
      CertificateFiles peer = files.pki().etcdPeerFiles(name);
      return new Member(name, advertiseHost, initialCluster, files.of(peer.certificate()), files.of(peer.privateKey()), 50, 500);
    }
  }
}
