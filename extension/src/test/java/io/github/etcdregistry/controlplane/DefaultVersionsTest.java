package io.github.etcdregistry.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The versions that run by default come from the parent pom (which also picks the binary artifacts the extension depends
 * on); the versions control-plane/build knows must be the ones the library knows, the default last.
 */
class DefaultVersionsTest {

  private static final Path BUILD_SCRIPT = Path.of("..", "control-plane", "build");

  @Test
  void theDefaultsAreThePomsAndTheLastOfWhatTheBuildScriptKnows() throws IOException {
    List<String> kubernetes = scriptList("KUBE_VERSIONS");
    List<String> etcd = scriptList("ETCD_VERSIONS");

    assertThat(KubernetesVersion.KNOWN).map(KubernetesVersion::toString).containsExactlyElementsOf(kubernetes);
    assertThat(DefaultVersions.KUBERNETES).isEqualTo(kubernetes.get(kubernetes.size() - 1)).isEqualTo(KubernetesVersion.DEFAULT.toString());
    assertThat(DefaultVersions.ETCD).isEqualTo(etcd.get(etcd.size() - 1));
    assertThat(ControlPlane.DEFAULT_ETCD_IMAGE).isEqualTo("gcr.io/etcd-development/etcd:" + DefaultVersions.ETCD);
  }

  /** {@code KUBE_VERSIONS=(v1.35.4 v1.36.3 v1.37.2)} in control-plane/build. */
  private static List<String> scriptList(String name) throws IOException {
    Matcher matcher = Pattern.compile("(?m)^" + name + "=\\(([^)]*)\\)").matcher(Files.readString(BUILD_SCRIPT));
    assertThat(matcher.find()).as(name + " in " + BUILD_SCRIPT).isTrue();
    return Arrays.asList(matcher.group(1).trim().split("\\s+"));
  }
}
