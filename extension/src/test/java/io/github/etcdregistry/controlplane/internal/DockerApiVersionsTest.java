package io.github.etcdregistry.controlplane.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.Settings;
import io.github.etcdregistry.controlplane.internal.DockerApiVersions.Asked;
import io.github.etcdregistry.controlplane.internal.DockerApiVersions.Engine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An engine that answers but speaks no API version the client asks for is named with the api.version to set. */
class DockerApiVersionsTest {

  private static final Engine DEBIAN_20_10 = new Engine("unix:///var/run/docker.sock", "20.10.24+dfsg1", "1.41", "1.12");
  private static final Engine DOCKER_29 = new Engine("unix:///var/run/docker.sock", "29.0.0", "1.52", "1.44");

  @TempDir
  Path home;

  @Test
  void anEngineOlderThanTestcontainersDefaultIsNamedWithTheSettingAndAnUpgrade() {
    assertThat(DockerApiVersions.explain(DEBIAN_20_10, new Asked("1.44", "Testcontainers 2's default"))).contains(
        "the Docker engine at unix:///var/run/docker.sock (Docker 20.10.24+dfsg1) speaks Docker API 1.12 to 1.41, and this JVM"
            + " asks for 1.44 (Testcontainers 2's default). Set api.version=1.41: -Dapi.version=1.41, or a line api.version=1.41"
            + " in ~/.docker-java.properties (docker-java reads no DOCKER_API_VERSION); or upgrade the engine to Docker 25 or later.");
  }

  @Test
  void aSettingOlderThanANewEngineAcceptsIsNamedWithItsSource() {
    assertThat(DockerApiVersions.explain(DOCKER_29, new Asked("1.41", "system property api.version"))).hasValueSatisfying(message ->
        assertThat(message).contains("speaks Docker API 1.44 to 1.52, and this JVM asks for 1.41 (system property api.version)",
            "-Dapi.version=1.52").doesNotContain("upgrade"));
  }

  @Test
  void versionsThatFitAreNoMismatch() {
    assertThat(DockerApiVersions.explain(DEBIAN_20_10, new Asked("1.41", "system property api.version"))).isEmpty();
    assertThat(DockerApiVersions.explain(DOCKER_29, new Asked("1.44", "Testcontainers 2's default"))).isEmpty();
    // numbers, not text: 1.24 comes after 1.9
    assertThat(DockerApiVersions.explain(new Engine("unix:///run/docker.sock", "17.03", "1.26", "1.9"), new Asked("1.24", "system property api.version")))
        .isEmpty();
  }

  /** docker-java's own places, after the system property: a variable named api.version, then ~/.docker-java.properties. */
  @Test
  void theAskedVersionComesFromWhereDockerJavaReadsIt() throws Exception {
    String property = System.getProperty("api.version");
    System.clearProperty("api.version");
    try {
      assertThat(DockerApiVersions.asked(Map.of(), home)).isEqualTo(new Asked("1.44", "Testcontainers 2's default"));
      Files.writeString(home.resolve(".docker-java.properties"), "api.version=1.40\n", StandardCharsets.UTF_8);
      assertThat(DockerApiVersions.asked(Map.of(), home).version()).isEqualTo("1.40");
      assertThat(DockerApiVersions.asked(Map.of("api.version", "1.39"), home))
          .isEqualTo(new Asked("1.39", "environment variable api.version"));
    } finally {
      if (property != null) {
        System.setProperty("api.version", property);
      }
    }
  }

  /**
   * This machine's engine, asked from a JVM without the build's api.version: when it speaks less than 1.44, the container
   * backend's failure names the versions and the setting (Testcontainers 2.0.3 and later fall back to API 1.32 by
   * themselves, so Docker's absence is stood in for here).
   */
  @Test
  void thisMachinesEngineIsNamedFromAJvmWithoutTheApiVersionSetting() throws Exception {
    Optional<Engine> engine = DockerApiVersions.engine(System.getenv());
    assumeTrue(engine.isPresent() && DockerApiVersions.compare(engine.get().apiVersion(), "1.44") < 0, "an engine older than API 1.44");

    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
        "-Duser.home=" + home, ContainerBackendWithoutDocker.class.getName())
        .redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(output).contains("The container backend was chosen, but Testcontainers cannot talk to the Docker engine: the Docker engine at",
        "speaks Docker API " + engine.get().minApiVersion() + " to " + engine.get().apiVersion() + ", and this JVM asks for 1.44",
        "-Dapi.version=" + engine.get().apiVersion());
  }

  /** The container backend's choice as Testcontainers' failure to reach the engine leaves it; prints the message. */
  static final class ContainerBackendWithoutDocker {

    public static void main(String[] args) {
      try {
        new BackendChoice(Settings.fromSystem(), () -> false, DockerApiVersions::mismatch).resolve(Backend.CONTAINER, Optional::empty);
        System.out.println("no failure");
      } catch (RuntimeException e) {
        System.out.println(e.getMessage());
      }
    }
  }
}
