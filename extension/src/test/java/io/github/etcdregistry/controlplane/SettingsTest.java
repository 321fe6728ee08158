package io.github.etcdregistry.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ~/.etcd-registry.properties} is read after system properties and environment variables. */
class SettingsTest {

  @Test
  void userFileIsReadLastAndNamedAsTheSource(@TempDir Path home) throws Exception {
    Path file = home.resolve(Settings.USER_FILE);
    Files.writeString(file, "etcdregistry.reuse=true\netcdregistry.backend=process\netcdregistry.etcd.image=from-file\n");
    Properties properties = new Properties();
    properties.setProperty(Setting.ETCD_IMAGE.key(), "from-property");
    Settings settings = new Settings(properties, Map.of("ETCDREGISTRY_BACKEND", "container"), Settings.userFile(file));

    assertThat(settings.get(Setting.REUSE)).contains(new Settings.Value(Setting.REUSE, "true", "etcdregistry.reuse in ~/.etcd-registry.properties"));
    assertThat(settings.get(Setting.BACKEND).orElseThrow().value()).isEqualTo("container");
    assertThat(settings.get(Setting.ETCD_IMAGE).orElseThrow().value()).isEqualTo("from-property");
    assertThat(settings.all()).containsEntry("ETCDREGISTRY_REUSE", "true").containsEntry("ETCDREGISTRY_BACKEND", "container")
        .containsEntry("ETCDREGISTRY_ETCD_IMAGE", "from-property");
  }

  @Test
  void missingUserFileSetsNothing(@TempDir Path home) {
    assertThat(Settings.userFile(home.resolve(Settings.USER_FILE))).isEmpty();
  }
}
