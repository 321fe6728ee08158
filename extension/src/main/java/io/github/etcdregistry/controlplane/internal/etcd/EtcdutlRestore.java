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
        String said = new String(output, StandardCharsets.UTF_8);
        throw new ControlPlaneException("etcdutl could not restore the snapshot " + snapshot + ": " + cause(said),
            new ControlPlaneException("etcdutl snapshot restore exited with code " + process.exitValue() + ":" + System.lineSeparator() + tail(said)));
      }
      return dataDirectory;
    } catch (IOException e) {
      throw new ControlPlaneException("Could not run etcdutl " + etcdutl + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ControlPlaneException("Interrupted while restoring " + snapshot, e);
    }
  }

  /** etcdutl's reason in one sentence; its own words (the log lines and checksums) go into the exception's cause. */
  static String cause(String output) {
    if (output.contains("snapshot missing hash")) {
      return "it does not end with the checksum etcdctl snapshot save writes, so it is truncated or not such a snapshot.";
    }
    if (output.contains("expected sha256")) {
      return "its checksum does not match its content, so it is truncated or damaged (etcdctl snapshot save ends a"
          + " snapshot with the checksum of what precedes it).";
    }
    if (output.contains("invalid argument") && output.contains("seek ")) {
      return "it is too short to be a snapshot from etcdctl snapshot save.";
    }
    return output.lines().filter(line -> line.startsWith("Error: ")).reduce((first, second) -> second)
        .map(line -> "etcdutl says " + line.substring("Error: ".length()).strip() + " (is it a file from etcdctl snapshot save?)")
        .orElse("is it a file from etcdctl snapshot save? etcdutl gave no reason (its output is the cause of this exception).");
  }

  private static String tail(String output) {
    String[] lines = output.strip().split("\\R");
    return String.join(System.lineSeparator(), Arrays.copyOfRange(lines, Math.max(0, lines.length - 10), lines.length));
  }
}
