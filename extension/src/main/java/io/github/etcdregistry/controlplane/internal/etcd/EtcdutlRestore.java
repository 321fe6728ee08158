package io.github.etcdregistry.controlplane.internal.etcd;

import io.github.etcdregistry.controlplane.ControlPlaneException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code etcdutl snapshot restore}: turns a snapshot file into a data directory a single etcd member starts from.
 * The member is named and addressed like {@link EtcdFlags}' ({@code etcd}); the restored member keeps every key and
 * revision the snapshot holds, history since the last compaction included.
 */
public final class EtcdutlRestore {

  private EtcdutlRestore() {}

  public static Path restore(Path etcdutl, Path snapshot, Path dataDirectory, Duration timeout) {
    List<String> command = List.of(etcdutl.toString(), "snapshot", "restore", snapshot.toAbsolutePath().toString(),
        "--data-dir=" + dataDirectory, "--name=etcd",
        "--initial-cluster=etcd=https://127.0.0.1:" + EtcdFlags.PEER_PORT,
        "--initial-advertise-peer-urls=https://127.0.0.1:" + EtcdFlags.PEER_PORT);
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      byte[] output = process.getInputStream().readAllBytes(); // etcdutl exits after the restore: read to the end
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new ControlPlaneException("etcdutl did not restore " + snapshot + " within " + timeout.toSeconds() + " s");
      }
      if (process.exitValue() != 0) {
        throw new ControlPlaneException("etcdutl could not restore the snapshot " + snapshot + " (exit code " + process.exitValue()
            + "). Is it a file from `etcdctl snapshot save`? etcdutl said:" + System.lineSeparator()
            + tail(new String(output, StandardCharsets.UTF_8)));
      }
      return dataDirectory;
    } catch (IOException e) {
      throw new ControlPlaneException("Could not run etcdutl " + etcdutl + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ControlPlaneException("Interrupted while restoring " + snapshot, e);
    }
  }

  private static String tail(String output) {
    String[] lines = output.strip().split("\\R");
    return String.join(System.lineSeparator(), Arrays.copyOfRange(lines, Math.max(0, lines.length - 10), lines.length));
  }
}
