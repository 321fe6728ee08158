package io.github.etcdregistry.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.etcdregistry.registry.StorageTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * One list of supported Kubernetes releases, the storage tables' (read by the code and by control-plane/build); the
 * defaults come from the parent pom (which also picks the binary artifacts the extension depends on) and must be the
 * last of the supported releases.
 */
class DefaultVersionsTest {

  private static final Path BUILD_SCRIPT = Path.of("..", "control-plane", "build");

  @Test
  void theDefaultsAreThePomsAndTheLastOfTheSupportedReleasesWhichTheBuildScriptReadsToo() throws Exception {
    List<String> etcd = scriptList("ETCD_VERSIONS");

    assertThat(buildScriptListsVersions()).containsExactlyElementsOf(KubernetesVersion.KNOWN.stream().map(Object::toString).toList());
    assertThat(KubernetesVersion.KNOWN).map(KubernetesVersion::toString).containsExactlyElementsOf(StorageTable.versions());
    assertThat(DefaultVersions.KUBERNETES).isEqualTo(KubernetesVersion.KNOWN.get(KubernetesVersion.KNOWN.size() - 1).toString())
        .isEqualTo(KubernetesVersion.DEFAULT.toString());
    assertThat(DefaultVersions.ETCD).isEqualTo(etcd.get(etcd.size() - 1));
  }

  /** What {@code control-plane/build --list-versions} prints, one version a line. */
  private static List<String> buildScriptListsVersions() throws Exception {
    Process build = new ProcessBuilder("bash", BUILD_SCRIPT.toString(), "--list-versions").redirectErrorStream(true).start();
    String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(build.waitFor()).as(output).isZero();
    return output.lines().toList();
  }

  /** {@code ETCD_VERSIONS=(v3.5.35 v3.6.16)} in control-plane/build. */
  private static List<String> scriptList(String name) throws IOException {
    Matcher matcher = Pattern.compile("(?m)^" + name + "=\\(([^)]*)\\)").matcher(Files.readString(BUILD_SCRIPT));
    assertThat(matcher.find()).as(name + " in " + BUILD_SCRIPT).isTrue();
    return Arrays.asList(matcher.group(1).trim().split("\\s+"));
  }
}
