package io.github.etcdregistry.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.github.etcdregistry.controlplane.Setting;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.controlplane.Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/** A failing class leaves the picture of its registry behind, Secret values redacted. */
class RegistryReportsTest {

  @TempDir
  Path reports;

  @BeforeEach
  void reportInto() {
    System.setProperty(Setting.REPORT_DIR.key(), reports.toString());
  }

  @AfterEach
  void restore() {
    System.clearProperty(Setting.REPORT_DIR.key());
  }

  @Test
  void failedClassWritesItsReportAndPassingOneDoesNot() throws Exception {
    EngineTestKit.engine("junit-jupiter").selectors(selectClass(Failing.class), selectClass(Passing.class)).execute()
        .testEvents().assertStatistics(stats -> stats.succeeded(1).failed(1));

    Path failing = reports.resolve(Failing.class.getName().replace('$', '_') + ".html");
    assertThat(failing).exists();
    assertThat(Files.readString(failing))
        .contains("/registry/secrets/default/db")
        .contains("(failed)")
        .contains("&lt;redacted&gt;")
        .doesNotContain("very-secret-value")
        .doesNotContain("dmVyeS1zZWNyZXQtdmFsdWU") // its base64
        .as("the writes the class made, recorded").contains("<section class=\"recording\">",
            "<tr><td><code>/registry/secrets/default/db</code></td><td>1</td><td>0</td>");
    assertThat(reports.resolve(Passing.class.getName().replace('$', '_') + ".html")).doesNotExist();
  }

  @WithEtcdRegistry(kubeApiServer = true, backend = Backend.PROCESS, lifecycle = WithEtcdRegistry.Lifecycle.SHARED,
      report = WithEtcdRegistry.Report.ON_FAILURE)
  static class Failing {
    @Test
    void storesASecretThenFails(KubernetesClient kube) {
      kube.secrets().resource(new SecretBuilder().withNewMetadata().withName("db").endMetadata()
          .addToStringData("password", "very-secret-value").build()).create();
      assertThat(1).as("a failing expectation").isEqualTo(2);
    }
  }

  @WithEtcdRegistry(kubeApiServer = true, backend = Backend.PROCESS, lifecycle = WithEtcdRegistry.Lifecycle.SHARED,
      report = WithEtcdRegistry.Report.ON_FAILURE)
  static class Passing {
    @Test
    void passes() {}
  }
}
