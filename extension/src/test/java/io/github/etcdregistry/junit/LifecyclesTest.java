package io.github.etcdregistry.junit;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.ControlPlane;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Per-class, per-method and shared control planes, and classes running in parallel, each checked by running
 * small test classes through the JUnit engine and looking at which control planes they saw.
 */
class LifecyclesTest {

  static final Map<String, ControlPlane> SEEN = new ConcurrentHashMap<>();
  static final List<String> NAMESPACES = new CopyOnWriteArrayList<>();

  @Test
  void sharedControlPlaneServesEveryClassWithTheSameConfigurationAndClosesAtTheEnd() {
    SEEN.clear();
    NAMESPACES.clear();
    Events tests = run(false, SharedA.class, SharedB.class);

    tests.assertStatistics(stats -> stats.succeeded(3).failed(0));
    assertThat(SEEN.get("SharedA")).isSameAs(SEEN.get("SharedB")).isSameAs(SEEN.get("SharedA2"));
    assertThat(SEEN.get("SharedA").isRunning()).as("closed when the run ends").isFalse();
    assertThat(NAMESPACES).hasSize(3).doesNotHaveDuplicates().allMatch(name -> name.startsWith("test-"));
  }

  @Test
  void perMethodGivesEveryTestAFreshEtcd() {
    SEEN.clear();
    run(false, PerMethod.class).assertStatistics(stats -> stats.succeeded(2).failed(0));

    assertThat(SEEN.get("first")).isNotSameAs(SEEN.get("second"));
    assertThat(SEEN.values()).noneMatch(ControlPlane::isRunning);
  }

  @Test
  void classesRunningInParallelEachGetTheirOwnControlPlane() {
    SEEN.clear();
    run(true, ParallelA.class, ParallelB.class, ParallelC.class).assertStatistics(stats -> stats.succeeded(3).failed(0));

    Set<ControlPlane> distinct = Set.copyOf(SEEN.values());
    assertThat(distinct).hasSize(3);
    assertThat(distinct.stream().map(ControlPlane::toString)).doesNotHaveDuplicates();
    assertThat(distinct).noneMatch(ControlPlane::isRunning);
  }

  private static Events run(boolean parallel, Class<?>... classes) {
    EngineTestKit.Builder kit = EngineTestKit.engine("junit-jupiter");
    for (Class<?> type : classes) {
      kit.selectors(selectClass(type));
    }
    if (parallel) {
      kit.configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
          .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
          .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent");
    }
    org.junit.platform.testkit.engine.EngineExecutionResults results = kit.execute();
    results.allEvents().failed().stream().forEach(event -> event.getPayload(TestExecutionResult.class)
        .flatMap(TestExecutionResult::getThrowable)
        .ifPresent(cause -> {
          throw new AssertionError("inner " + event.getTestDescriptor().getDisplayName() + " failed", cause);
        }));
    return results.testEvents();
  }

  @WithEtcdRegistry(kubeApiServer = true, backend = Backend.PROCESS, lifecycle = WithEtcdRegistry.Lifecycle.SHARED)
  static class SharedA {
    @Test
    void first(ControlPlane controlPlane, TestNamespace namespace) {
      SEEN.put("SharedA", controlPlane);
      NAMESPACES.add(namespace.name());
      namespace.client().configMaps().inNamespace(namespace.name())
          .resource(new ConfigMapBuilder().withNewMetadata().withName("mine").endMetadata().build()).create();
      assertThatRegistry().hasConfigMap(namespace.name(), "mine").isProtobuf();
    }

    @Test
    void second(ControlPlane controlPlane, TestNamespace namespace) {
      SEEN.put("SharedA2", controlPlane);
      NAMESPACES.add(namespace.name());
      assertThatRegistry().keysUnder("/registry/configmaps/" + namespace.name() + "/").isEmpty();
    }
  }

  @WithEtcdRegistry(kubeApiServer = true, backend = Backend.PROCESS, lifecycle = WithEtcdRegistry.Lifecycle.SHARED)
  static class SharedB {
    @Test
    void third(ControlPlane controlPlane, TestNamespace namespace) {
      SEEN.put("SharedB", controlPlane);
      NAMESPACES.add(namespace.name());
    }
  }

  @WithEtcdRegistry(backend = Backend.PROCESS, lifecycle = WithEtcdRegistry.Lifecycle.PER_METHOD)
  static class PerMethod {
    @Test
    void first(ControlPlane controlPlane) {
      SEEN.put("first", controlPlane);
    }

    @Test
    void second(ControlPlane controlPlane) {
      SEEN.put("second", controlPlane);
    }
  }

  @WithEtcdRegistry(backend = Backend.PROCESS)
  static class ParallelA {
    @Test
    void test(ControlPlane controlPlane) {
      SEEN.put("A", controlPlane);
      assertThat(assertThatRegistry().actual()).as("bound per thread").isSameAs(controlPlane.registry());
    }
  }

  @WithEtcdRegistry(backend = Backend.PROCESS)
  static class ParallelB {
    @Test
    void test(ControlPlane controlPlane) {
      SEEN.put("B", controlPlane);
      assertThat(assertThatRegistry().actual()).as("bound per thread").isSameAs(controlPlane.registry());
    }
  }

  @WithEtcdRegistry(backend = Backend.PROCESS)
  static class ParallelC {
    @Test
    void test(ControlPlane controlPlane) {
      SEEN.put("C", controlPlane);
      assertThat(assertThatRegistry().actual()).as("bound per thread").isSameAs(controlPlane.registry());
    }
  }
}
