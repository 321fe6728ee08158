package io.github.etcdregistry.controlplane.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.etcdregistry.controlplane.Setting;
import io.github.etcdregistry.controlplane.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesSchemasTest {

  @TempDir
  Path cache;

  @Test
  void theDescriptorSetOfAVersionIsFoundInTheConfiguredCache() throws IOException {
    Path set = Files.createDirectories(cache.resolve("schemas-v1.37.2")).resolve("kubernetes.binpb");
    Files.write(set, new byte[] {1});
    Settings settings = new Settings(new Properties(), Map.of("ETCDREGISTRY_CACHE_DIR", cache.toString()));

    assertThat(KubernetesSchemas.descriptorSet(settings, "v1.37.2")).hasValue(set);
    assertThat(KubernetesSchemas.descriptorSet(settings, "v1.36.3")).as("a version whose schemas were not built").isEmpty();
  }

  @Test
  void aSystemPropertyWinsOverTheEnvironment() throws IOException {
    Path set = Files.createDirectories(cache.resolve("chosen/schemas-v1.37.2")).resolve("kubernetes.binpb");
    Files.write(set, new byte[] {1});
    Properties properties = new Properties();
    properties.setProperty(Setting.CACHE_DIR.key(), cache.resolve("chosen").toString());
    Settings settings = new Settings(properties, Map.of("ETCDREGISTRY_CACHE_DIR", cache.resolve("other").toString()));

    assertThat(KubernetesSchemas.descriptorSet(settings, "v1.37.2")).hasValue(set);
  }
}
