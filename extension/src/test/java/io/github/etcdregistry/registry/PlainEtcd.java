package io.github.etcdregistry.registry;

import io.github.etcdregistry.controlplane.Component;
import io.github.etcdregistry.controlplane.Settings;
import io.github.etcdregistry.controlplane.internal.ComponentSources;
import io.github.etcdregistry.internal.Poll;
import io.github.etcdregistry.pki.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** An etcd without TLS, as some clusters run it on localhost: the control plane's own etcd always speaks TLS. */
final class PlainEtcd implements AutoCloseable {

  private final Process process;
  private final Path directory;
  private final URI endpoint;

  private PlainEtcd(Process process, Path directory, URI endpoint) {
    this.process = process;
    this.directory = directory;
    this.endpoint = endpoint;
  }

  static PlainEtcd start() {
    try {
      Path binary = new ComponentSources(Settings.fromSystem()).binary(Component.ETCD, null, null);
      Path directory = Files.createTempDirectory("plain-etcd-");
      int client = freePort();
      int peer = freePort();
      URI endpoint = URI.create("http://127.0.0.1:" + client);
      Process process = new ProcessBuilder(binary.toString(), "--data-dir", directory.resolve("data").toString(),
          "--listen-client-urls", endpoint.toString(), "--advertise-client-urls", endpoint.toString(),
          "--listen-peer-urls", "http://127.0.0.1:" + peer, "--initial-advertise-peer-urls", "http://127.0.0.1:" + peer,
          "--initial-cluster", "default=http://127.0.0.1:" + peer)
          .redirectErrorStream(true).redirectOutput(directory.resolve("etcd.log").toFile()).start();
      PlainEtcd etcd = new PlainEtcd(process, directory, endpoint);
      if (!Poll.atMost(Duration.ofSeconds(20)).giveUpWhen(() -> !process.isAlive()).until(() -> listening(client)).outcome()
          .equals(Poll.Outcome.MET)) {
        etcd.close();
        throw new IllegalStateException("The plain etcd did not start: " + Files.readString(directory.resolve("etcd.log")));
      }
      return etcd;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Directories.deleteRecursively(directory);
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
