package io.github.etcdregistry.assertions;

import io.github.etcdregistry.registry.BoundRegistry;
import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.registry.RegistryEntry;
import io.github.etcdregistry.registry.RegistryRecording;

/**
 * Entry point: {@code assertThatRegistry().hasPod("default", "nginx").isProtobuf().decodedAs(Pod.class)}.
 */
public final class RegistryAssertions {

  private RegistryAssertions() {}

  /** Assertions on the registry of the running {@code @WithEtcdRegistry} test. */
  public static RegistryAssert assertThatRegistry() {
    return new RegistryAssert(BoundRegistry.current().orElseThrow(() -> new IllegalStateException(
        "No etcd registry is bound to this test. Annotate the test class with "
            + "@io.github.etcdregistry.junit.WithEtcdRegistry, or pass a registry: assertThatRegistry(registry) "
            + "with an EtcdRegistry built by EtcdRegistry.builder() or injected as a test parameter.")));
  }

  /** Assertions on any registry, for example one pointed at a real cluster's etcd. */
  public static RegistryAssert assertThatRegistry(EtcdRegistry registry) {
    return new RegistryAssert(registry);
  }

  /** Assertions on the writes a recording saw: {@code assertThat(recording).writesTo(key).hasSize(1)}. */
  public static RecordingAssert assertThat(RegistryRecording recording) {
    return new RecordingAssert(recording);
  }

  /** Assertions on one entry already read from etcd. */
  public static RegistryEntryAssert assertThat(RegistryEntry entry) {
    return new RegistryEntryAssert(entry);
  }
}
