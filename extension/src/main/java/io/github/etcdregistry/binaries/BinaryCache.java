package io.github.etcdregistry.binaries;

import io.github.etcdregistry.pki.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The binaries kept on this machine, one directory per platform and bundle version
 * ({@code <root>/linux-amd64/kube-apiserver-v1.37.2/kube-apiserver}), each with its {@code SHA256SUMS}. An entry counts
 * only when it holds the bundle's executables and other files ({@code kwok-v0.8.0/stages/*.yaml}) and every file its
 * {@code SHA256SUMS} names matches its checksum; a stamp ({@code .verified}: size and modification time of each file
 * when it last matched) spares later JVMs hashing a few hundred megabytes again, while any write to a file sends it
 * through the checksum once more. An entry is written whole or not at all: into a temporary sibling under a lock that
 * other JVMs respect too, then renamed into place.
 */
final class BinaryCache {

  private static final String STAMP = ".verified";
  /** One monitor per entry: a file lock keeps other JVMs out, but refuses a second thread of the same JVM. */
  private static final Map<Path, Object> MONITORS = new ConcurrentHashMap<>();

  private final Path root;

  BinaryCache(Path root) {
    this.root = root;
  }

  Path directory(Bundle bundle, String version, Platform platform) {
    return root.resolve(platform.toString()).resolve(bundle.directoryName(version));
  }

  /** Whether {@code directory} holds every file of {@code bundle}, each as its checksum says. */
  boolean isComplete(Path directory, Bundle bundle) {
    Path sums = directory.resolve(Checksums.FILE_NAME);
    if (!Files.isRegularFile(sums)) {
      return false;
    }
    try {
      Checksums checksums = Checksums.read(sums);
      String stamp = stamp(directory, bundle, checksums);
      if (stamp == null) {
        return false;
      }
      Path stampFile = directory.resolve(STAMP);
      if (Files.isRegularFile(stampFile) && Files.readString(stampFile).equals(stamp)) {
        return true;
      }
      for (String name : new TreeSet<>(checksums.byFile().keySet())) {
        if (!checksums.byFile().get(name).equals(Checksums.sha256(directory.resolve(name)))) {
          return false;
        }
      }
      Files.writeString(stampFile, stamp);
      return true;
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      return false; // unreadable or malformed: as good as missing, and replaced when an artifact has the bundle
    }
  }

  /**
   * What the files {@code SHA256SUMS} names look like now, in the order of their names: name, checksum, size and
   * modification time of each; null when one is missing, an executable is not executable, or the bundle needs a file
   * that {@code SHA256SUMS} does not name.
   */
  private static String stamp(Path directory, Bundle bundle, Checksums checksums) throws IOException {
    if (!checksums.byFile().keySet().containsAll(bundle.required())) {
      return null;
    }
    StringBuilder stamp = new StringBuilder();
    for (String name : new TreeSet<>(checksums.byFile().keySet())) {
      Path file = directory.resolve(name);
      if (!Files.isRegularFile(file) || (bundle.executables().contains(name) && !Files.isExecutable(file))) {
        return null;
      }
      stamp.append(name).append(' ').append(checksums.byFile().get(name)).append(' ').append(Files.size(file)).append(' ')
          .append(Files.getLastModifiedTime(file).to(TimeUnit.NANOSECONDS)).append('\n');
    }
    return stamp.toString();
  }

  /**
   * Makes {@code directory} complete with {@code writer}, unless another thread or JVM did so while this one waited for
   * the lock. A broken entry is replaced whole.
   */
  Path fill(Path directory, Bundle bundle, Writer writer) {
    Object monitor = MONITORS.computeIfAbsent(directory, key -> new Object());
    synchronized (monitor) {
      try {
        Files.createDirectories(directory.getParent());
        Path lockFile = directory.resolveSibling("." + directory.getFileName() + ".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.lock()) {
          if (isComplete(directory, bundle)) {
            return directory;
          }
          Path temporary = directory.resolveSibling("." + directory.getFileName() + "." + UUID.randomUUID() + ".tmp");
          try {
            Files.createDirectory(temporary);
            writer.writeInto(temporary);
            // the writer checked each file against its checksum: the stamp spares hashing them again
            String stamp = stamp(temporary, bundle, Checksums.read(temporary.resolve(Checksums.FILE_NAME)));
            if (stamp != null) {
              Files.writeString(temporary.resolve(STAMP), stamp);
            }
            if (Files.exists(directory)) {
              Path broken = directory.resolveSibling("." + directory.getFileName() + "." + UUID.randomUUID() + ".broken");
              Files.move(directory, broken, StandardCopyOption.ATOMIC_MOVE);
              Directories.deleteRecursively(broken);
            }
            move(temporary, directory);
          } finally {
            Directories.deleteRecursively(temporary);
          }
          if (!isComplete(directory, bundle)) {
            throw new MissingBinaryException(bundle + " was written to " + directory + " but does not match its checksums there;"
                + " is the disk full? Remove " + directory + " and try again.");
          }
          return directory;
        }
      } catch (IOException e) {
        throw new MissingBinaryException("Could not write " + bundle + " into the cache " + directory + ": " + e
            + ". Set etcdregistry.cache-dir (ETCDREGISTRY_CACHE_DIR) to a writable directory.", e);
      }
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  /** Writes a bundle's files into an empty directory, each checked against the bundle's {@code SHA256SUMS}. */
  @FunctionalInterface
  interface Writer {
    void writeInto(Path directory) throws IOException;
  }
}
