package io.github.etcdregistry.controlplane.internal.reuse;

import io.github.etcdregistry.controlplane.ControlPlaneException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which runs use a reused control plane now, so that a run resets it only when no other run is in the middle of its
 * tests: every JVM with a run attached holds a shared lock on {@link ReuseDirectory#USERS} and counts its own runs (test
 * classes of one JVM, run in parallel). A run is alone when its JVM has no other and the lock can be had exclusive.
 * Joined while holding the directory's lock, so two runs never both find themselves alone.
 */
final class ReuseUsers {

  /** One channel per file and JVM: closing any channel on a file drops every lock the JVM holds on it. */
  private static final Map<Path, Held> HELD = new HashMap<>();

  private ReuseUsers() {}

  private static final class Held {
    private final FileChannel channel;
    private int runs = 1;

    private Held(FileChannel channel) {
      this.channel = channel;
    }
  }

  /** One run's place among the users; leaving is idempotent. */
  static final class Membership implements AutoCloseable {
    private final Path file;
    private final boolean alone;
    private boolean left;

    private Membership(Path file, boolean alone) {
      this.file = file;
      this.alone = alone;
    }

    /** Whether no other run used the control plane when this one joined. */
    boolean alone() {
      return alone;
    }

    @Override
    public void close() {
      synchronized (ReuseUsers.class) {
        if (left) {
          return;
        }
        left = true;
        Held held = HELD.get(file);
        if (held != null && --held.runs == 0) {
          HELD.remove(file);
          try {
            held.channel.close(); // releases the shared lock
          } catch (IOException e) {
            // a closed channel holds no lock
          }
        }
      }
    }
  }

  static synchronized Membership join(ReuseDirectory directory) {
    Path file = directory.file(ReuseDirectory.USERS);
    Held held = HELD.get(file);
    if (held != null) {
      held.runs++;
      return new Membership(file, false);
    }
    try {
      FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      FileLock exclusive = channel.tryLock(0, Long.MAX_VALUE, false);
      boolean alone = exclusive != null;
      if (exclusive != null) {
        exclusive.release();
      }
      channel.lock(0, Long.MAX_VALUE, true); // only runs joining take it, under the directory's lock: never exclusive now
      HELD.put(file, new Held(channel));
      return new Membership(file, alone);
    } catch (IOException e) {
      throw new ControlPlaneException("Could not lock " + file + " for a run on the reused control plane: " + e.getMessage(), e);
    }
  }
}
