package io.github.etcdregistry.controlplane.internal;

import io.github.etcdregistry.controlplane.ControlPlaneException;
import io.github.etcdregistry.controlplane.internal.container.ComponentContainer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The JVM that owns what a control plane puts on the machine — processes, temp directories, containers,
 * networks — named by pid, start time and host. A pid alone is reused; with its start time a later run can
 * tell a dead owner from a live one, and leave alone what another machine or pid namespace owns.
 */
public record Owner(long pid, long startedMillis, String host) {

  public static final String MARKER = ".etcd-registry-owner";
  public static final String PID_LABEL = ComponentContainer.LABEL + ".owner-pid";
  public static final String STARTED_LABEL = ComponentContainer.LABEL + ".owner-started";
  public static final String HOST_LABEL = ComponentContainer.LABEL + ".owner-host";
  /** Set in each child process's environment, so that scripts/leftovers can find orphans. */
  public static final String ENVIRONMENT = "ETCDREGISTRY_OWNER";

  /** Start times read back from the OS may differ by clock ticks; a reused pid starts much later. */
  private static final long START_TOLERANCE_MILLIS = 3_000;
  private static final Owner CURRENT = of(ProcessHandle.current()).orElseGet(
      () -> new Owner(ProcessHandle.current().pid(), 0, Host.NAME));

  public static Owner current() {
    return CURRENT;
  }

  public Map<String, String> labels() {
    return Map.of(PID_LABEL, Long.toString(pid), STARTED_LABEL, Long.toString(startedMillis), HOST_LABEL, host);
  }

  /** {@code pid:startedMillis:host}, the value of {@link #ENVIRONMENT}. */
  public String environmentValue() {
    return pid + ":" + startedMillis + ":" + host;
  }

  /** Writes the marker file into a directory this JVM created. */
  public void mark(Path directory) {
    Properties marker = new Properties();
    marker.setProperty("pid", Long.toString(pid));
    marker.setProperty("started", Long.toString(startedMillis));
    marker.setProperty("host", host);
    try (var out = Files.newBufferedWriter(directory.resolve(MARKER), StandardCharsets.UTF_8)) {
      marker.store(out, "etcd-registry: removed by the next control-plane start once this JVM is gone");
    } catch (IOException e) {
      throw new ControlPlaneException("Could not mark " + directory + " with its owner: " + e.getMessage(), e);
    }
  }

  /** The owner a directory's marker names; empty when there is none (not ours, or still being created). */
  public static Optional<Owner> ofMarker(Path directory) {
    Properties marker = new Properties();
    try (var in = Files.newBufferedReader(directory.resolve(MARKER), StandardCharsets.UTF_8)) {
      marker.load(in);
      return Optional.of(new Owner(Long.parseLong(marker.getProperty("pid")), Long.parseLong(marker.getProperty("started")),
          marker.getProperty("host", "")));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The owner named by a container's or network's labels; empty for ones made before owners were recorded. */
  public static Optional<Owner> ofLabels(Map<String, String> labels) {
    if (labels == null || !labels.containsKey(PID_LABEL) || !labels.containsKey(STARTED_LABEL)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Owner(Long.parseLong(labels.get(PID_LABEL)), Long.parseLong(labels.get(STARTED_LABEL)),
          labels.getOrDefault(HOST_LABEL, "")));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * True only when this owner lived on this host and no process with its pid and start time runs any more.
   * Anything uncertain counts as alive: reaping a live run's control plane is worse than a leftover.
   */
  public boolean isGone() {
    if (!host.equals(Host.NAME) || startedMillis == 0) {
      return false;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isEmpty() || !process.get().isAlive()) {
      return true;
    }
    return of(process.get()).map(now -> Math.abs(now.startedMillis - startedMillis) > START_TOLERANCE_MILLIS).orElse(false);
  }

  private static Optional<Owner> of(ProcessHandle process) {
    return process.info().startInstant().map(start -> new Owner(process.pid(), start.toEpochMilli(), Host.NAME));
  }

  /** The host name as {@code uname -n} prints it, so that scripts/leftovers agrees. */
  private static final class Host {
    static final String NAME = read();

    private static String read() {
      try {
        Path linux = Path.of("/proc/sys/kernel/hostname");
        if (Files.isReadable(linux)) {
          return Files.readString(linux).trim();
        }
        Process uname = new ProcessBuilder("uname", "-n").redirectErrorStream(true).start();
        String name = new String(uname.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return uname.waitFor() == 0 ? name : "";
      } catch (IOException e) {
        return "";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "";
      }
    }
  }
}
