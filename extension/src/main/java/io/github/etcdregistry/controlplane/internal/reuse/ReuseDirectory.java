package io.github.etcdregistry.controlplane.internal.reuse;

import io.github.etcdregistry.controlplane.ControlPlaneException;
import io.github.etcdregistry.controlplane.Settings;
import io.github.etcdregistry.pki.Directories;
import io.github.etcdregistry.registry.RegistryBaseline;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code <cache dir>/reuse/<hash>/}, where one reused control plane lives: its configuration, its state once running,
 * the lease whose modification time says when a run last used it, the log of the JVM that keeps it, and that JVM's
 * temp directory (PKI, etcd data). Only its owner may read it. The lock, {@code <hash>.lock} beside it, outlives the
 * directory, so that a JVM waiting for it never locks a file another has just removed.
 */
public final class ReuseDirectory {

  public static final String STATE = "state.properties";
  public static final String CONFIGURATION = "configuration.properties";
  public static final String LEASE = "lease";
  public static final String HEALTHY = "healthy";
  public static final String LOG = "keeper.log";
  /** What the control plane stored once it had started ({@link ReuseReset}): Secrets among it, so its owner's only. */
  public static final String BASELINE = "baseline";
  /** Locked shared by every JVM using the control plane now ({@link ReuseUsers}). */
  public static final String USERS = "users.lock";

  private final Path path;

  public ReuseDirectory(Path path) {
    this.path = path;
  }

  /** {@code <cache dir>/reuse}: outside {@code java.io.tmpdir}, so that no temp-directory cleanup removes a reused control plane. */
  public static Path root(Settings settings) {
    return settings.cacheDirectory().resolve("reuse");
  }

  public Path path() {
    return path;
  }

  public Path file(String name) {
    return path.resolve(name);
  }

  /** Creates the directory (mode 0700) and its parent. */
  public void create() {
    try {
      for (Path directory : new Path[] {path.getParent(), path}) {
        if (!Files.isDirectory(directory)) {
          Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
      }
    } catch (IOException e) {
      throw new ControlPlaneException("Could not create " + path + " for a reused control plane: " + e.getMessage(), e);
    }
  }

  /** Waits for this control plane's lock, which a JVM holds while it starts, checks, attaches to or stops it. */
  public Lock lock() {
    create();
    try {
      FileChannel channel = channel();
      channel.lock();
      return new Lock(channel);
    } catch (IOException e) {
      throw new ControlPlaneException("Could not lock " + lockFile() + ": " + e.getMessage(), e);
    }
  }

  /** The lock if nobody holds it now, else empty. */
  public Optional<Lock> tryLock() {
    try {
      FileChannel channel = channel();
      if (channel.tryLock() == null) {
        channel.close();
        return Optional.empty();
      }
      return Optional.of(new Lock(channel));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private FileChannel channel() throws IOException {
    return FileChannel.open(lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }

  /** Released by closing its channel. */
  public record Lock(FileChannel channel) implements AutoCloseable {
    @Override
    public void close() {
      try {
        channel.close();
      } catch (IOException e) {
        // a closed channel holds no lock
      }
    }
  }

  private Path lockFile() {
    return path.resolveSibling(path.getFileName() + ".lock");
  }

  /** Marks the control plane as used now. */
  public void touchLease() {
    touch(file(LEASE)); // an unwritable lease only shortens the control plane's life
  }

  /** Marks that etcd and kube-apiserver answered healthy just now, or removes the mark when they did not. */
  public void markHealthy(boolean healthy) {
    if (healthy) {
      touch(file(HEALTHY));
      return;
    }
    try {
      Files.deleteIfExists(file(HEALTHY));
    } catch (IOException e) {
      // an old mark is ignored once it is a few seconds old
    }
  }

  /** Creates the file or sets its modification time to now; quietly does neither when it cannot. */
  private static void touch(Path file) {
    try {
      if (!Files.exists(file)) {
        Files.createFile(file);
      }
      Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
    } catch (IOException e) {
      // whoever reads it treats a missing or old file as the safe case
    }
  }

  /** Whether etcd and kube-apiserver answered healthy within {@code recent}. */
  public boolean healthyWithin(Duration recent) {
    try {
      return Duration.between(Files.getLastModifiedTime(file(HEALTHY)).toInstant(), Instant.now()).compareTo(recent) < 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** How long ago a run last used it; empty once the lease is gone (the directory was removed to stop it). */
  public Optional<Duration> idle() {
    try {
      return Optional.of(Duration.between(Files.getLastModifiedTime(file(LEASE)).toInstant(), Instant.now()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public Optional<Properties> read(String name) {
    Path file = file(name);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
      return Optional.of(properties);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Writes a file readable by its owner only, whole or not at all: a reader never sees half of it. */
  public void write(String name, Properties properties) {
    Path partial = file(name + ".part");
    try {
      Files.deleteIfExists(partial);
      Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
        properties.store(out, "etcd-registry: a control plane reused across runs");
      }
      Files.move(partial, file(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new ControlPlaneException("Could not write " + file(name) + ": " + e.getMessage(), e);
    }
  }

  /** Writes {@link #BASELINE}, readable by its owner only, whole or not at all. */
  public void writeBaseline(RegistryBaseline baseline) {
    Path partial = file(BASELINE + ".part");
    try {
      Files.deleteIfExists(partial);
      Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial))) {
        baseline.writeTo(out);
      }
      Files.move(partial, file(BASELINE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new ControlPlaneException("Could not write " + file(BASELINE) + ": " + e.getMessage(), e);
    }
  }

  /** {@link #BASELINE}, or empty when there is none. */
  public Optional<RegistryBaseline> readBaseline() {
    Path file = file(BASELINE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      return Optional.of(RegistryBaseline.readFrom(in));
    } catch (IOException e) {
      throw new ControlPlaneException("Could not read " + file + ", what the reused control plane stored when it had started: "
          + e.getMessage() + ". Stop it (ControlPlane.stopReused()) to start afresh", e);
    }
  }

  /** The last lines of the keeping JVM's log, for a failure message. */
  public String logTail(int lines) {
    try {
      var all = Files.readAllLines(file(LOG), StandardCharsets.UTF_8);
      return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log at " + file(LOG) + ")";
    }
  }

  public void delete() {
    Directories.deleteRecursively(path);
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
