package io.github.etcdregistry.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.registry.EtcdRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Static fields are injected before {@code @BeforeAll} methods run and before extensions on instance fields are built
 * (an operator's test extension takes its client that way), and are forgotten when the class ends.
 */
class StaticFieldsTest {

  private static final List<String> SEEN = new ArrayList<>();

  @Test
  void staticFieldsServeBeforeAllAndInstanceExtensionsAndAreClearedAfterTheClass() {
    EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(PerClass.class)).execute();

    results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
    assertThat(SEEN).containsExactly("@BeforeAll created namespace static-fields", "the extension got the injected client");
    assertThat(PerClass.kube).as("a stopped control plane's client").isNull();
    assertThat(PerClass.registry).isNull();
  }

  @Test
  void aStaticFieldWithAControlPlanePerTestIsRefused() {
    List<Throwable> failures = EngineTestKit.engine("junit-jupiter").selectors(selectClass(PerMethod.class)).execute()
        .allEvents().failed().stream()
        .flatMap(event -> event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable).stream()).toList();

    assertThat(failures).first().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
        .hasMessageContaining("Cannot inject the static field").hasMessageContaining("PerMethod.kube")
        .hasMessageContaining("use lifecycle = PER_CLASS or SHARED");
  }

  /** Stands for an operator's test extension that is handed a client when it is built. */
  record ClientUser(KubernetesClient client) implements BeforeEachCallback {
    @Override
    public void beforeEach(ExtensionContext context) {
      if (client != null && client.namespaces().withName("static-fields").get() != null) {
        SEEN.add("the extension got the injected client");
      }
    }
  }

  @WithEtcdRegistry(kubeApiServer = true, backend = Backend.PROCESS)
  static class PerClass {
    static KubernetesClient kube;
    static EtcdRegistry registry;

    @RegisterExtension
    final ClientUser operator = new ClientUser(kube);

    @BeforeAll
    static void createNamespace() {
      kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("static-fields").endMetadata().build()).create();
      SEEN.add("@BeforeAll created namespace static-fields");
    }

    @Test
    void test() {
      assertThat(registry.get("/registry/namespaces/static-fields")).isPresent();
    }
  }

  @WithEtcdRegistry(lifecycle = WithEtcdRegistry.Lifecycle.PER_METHOD, backend = Backend.PROCESS)
  static class PerMethod {
    static KubernetesClient kube;

    @Test
    void test() {}
  }
}
