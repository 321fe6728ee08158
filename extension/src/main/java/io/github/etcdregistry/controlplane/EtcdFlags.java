package io.github.etcdregistry.controlplane;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line and health check of a single-member etcd for tests: mutual TLS on the client and the peer port, no
 * plaintext listener, raft timers tuned for one member on one machine, and no fsync — a test's data lives
 * for one run, and fsync is most of etcd's write latency.
 */
final class EtcdFlags {

  static final int CLIENT_PORT = 2379;
  static final int PEER_PORT = 2380;

  private EtcdFlags() {}

  /** etcd is ready when {@code /health} says so to a client presenting a certificate. */
  static boolean healthy(HttpsProbe probe, URI clientUrl) {
    HttpsProbe.Response response = probe.get(clientUrl.resolve("/health"));
    return response != null && response.status() == 200 && response.body().contains("\"health\":\"true\"");
  }

  /**
   * @param listenHost the address to bind ({@code 127.0.0.1} for a process, {@code 0.0.0.0} in a container)
   * @param advertiseHost the name others use: {@code 127.0.0.1}, or the container's network alias
   * @param files the PKI file paths as etcd sees them
   */
  static List<String> of(String dataDir, String listenHost, String advertiseHost, int clientPort, int peerPort, PkiPaths files) {
    String client = "https://" + advertiseHost + ":" + clientPort;
    String peer = "https://" + advertiseHost + ":" + peerPort;
    List<String> flags = new ArrayList<>();
    flags.add("--name=etcd");
    flags.add("--data-dir=" + dataDir);
    flags.add("--listen-client-urls=https://" + listenHost + ":" + clientPort);
    flags.add("--advertise-client-urls=" + client);
    flags.add("--listen-peer-urls=https://" + listenHost + ":" + peerPort);
    flags.add("--initial-advertise-peer-urls=" + peer);
    flags.add("--initial-cluster=etcd=" + peer);
    flags.add("--initial-cluster-state=new");
    flags.add("--client-cert-auth=true");
    flags.add("--trusted-ca-file=" + files.etcdCaCert());
    flags.add("--cert-file=" + files.etcdServerCert());
    flags.add("--key-file=" + files.etcdServerKey());
    flags.add("--peer-client-cert-auth=true");
    flags.add("--peer-trusted-ca-file=" + files.etcdCaCert());
    flags.add("--peer-cert-file=" + files.etcdServerCert());
    flags.add("--peer-key-file=" + files.etcdServerKey());
    flags.add("--heartbeat-interval=10");
    flags.add("--election-timeout=100");
    flags.add("--unsafe-no-fsync=true");
    flags.add("--log-level=warn");
    return flags;
  }
}
