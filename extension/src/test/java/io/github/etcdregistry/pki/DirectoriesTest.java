package io.github.etcdregistry.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoriesTest {

  @TempDir Path temp;

  @Test
  void createsDirectoriesForTheOwnerOnly() throws IOException {
    assumeTrue(Directories.supportsPosix(temp), "POSIX file system");
    Path created = Directories.createPrivateDirectory(temp.resolve("private"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(created))).isEqualTo("rwx------");
  }

  @Test
  void deletesATreeButNotWhatItsLinksPointTo() throws IOException {
    Path outside = Files.writeString(temp.resolve("outside.txt"), "keep me");
    Path root = Files.createDirectories(temp.resolve("root/sub"));
    Files.writeString(root.resolve("file.key"), "key");
    Files.createSymbolicLink(root.resolve("link"), outside);
    Files.createSymbolicLink(temp.resolve("root/dir-link"), temp);

    Directories.deleteRecursively(temp.resolve("root"));

    assertThat(temp.resolve("root")).doesNotExist();
    assertThat(outside).hasContent("keep me");
  }

  @Test
  void aMissingRootIsAlreadyDeleted() {
    assertThatCode(() -> Directories.deleteRecursively(temp.resolve("never-created"))).doesNotThrowAnyException();
  }
}
