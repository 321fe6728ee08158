package io.github.etcdregistry.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Owner-only directories: created {@code rwx------} in one step, and deleted recursively.
 *
 * <p>Internal: public only because the control plane removes its work directory the same way; not part of the API.
 */
public final class Directories {

  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

  private Directories() {}

  /** {@link Files#createTempDirectory(String, FileAttribute[])} with mode 0700. */
  static Path createPrivateTempDirectory(String prefix) {
    try {
      return Files.createTempDirectory(prefix, ownerOnly(Path.of(System.getProperty("java.io.tmpdir"))));
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a temporary directory " + prefix + "*", e);
    }
  }

  /** A new directory with mode 0700; fails if it exists. */
  static Path createPrivateDirectory(Path directory) {
    try {
      return Files.createDirectory(directory, ownerOnly(directory));
    } catch (IOException e) {
      throw new UncheckedIOException("could not create the directory " + directory, e);
    }
  }

  /**
   * Deletes {@code root} and everything below it. A missing root, or files that vanish meanwhile,
   * are fine. Symbolic links are deleted, never followed.
   *
   * @throws UncheckedIOException if something could not be deleted
   */
  public static void deleteRecursively(Path root) {
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
              if (failure instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE;
              }
              throw failure;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
              if (failure != null && !(failure instanceof NoSuchFileException)) {
                throw failure;
              }
              Files.deleteIfExists(directory);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (NoSuchFileException alreadyGone) {
      // nothing to delete
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + root, e);
    }
  }

  /** The attribute on a POSIX file system; none elsewhere (e.g. Windows, where temp is per user). */
  private static FileAttribute<?>[] ownerOnly(Path where) {
    return supportsPosix(where)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
        : new FileAttribute<?>[0];
  }

  static boolean supportsPosix(Path where) {
    return where.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
