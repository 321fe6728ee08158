package io.github.etcdregistry.assertions;

import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.registry.RegistryRecording;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * Soft registry assertions for any AssertJ soft-assertions class: mix them into AssertJ's own, so one
 * {@code assertAll()} (or {@code SoftAssertionsExtension}) reports registry and plain failures together:
 *
 * <pre>{@code
 * class MySoftAssertions extends SoftAssertions implements RegistrySoftAssertionsProvider {}
 * }</pre>
 */
public interface RegistrySoftAssertionsProvider extends SoftAssertionsProvider {

  default RegistryAssert assertThatRegistry(EtcdRegistry registry) {
    return proxy(RegistryAssert.class, EtcdRegistry.class, registry).collectingInto(this);
  }

  default RecordingAssert assertThat(RegistryRecording recording) {
    return proxy(RecordingAssert.class, RegistryRecording.class, recording).collectingInto(this);
  }

  /** Soft assertions on the registry of the running {@code @WithEtcdRegistry} test. */
  default RegistryAssert assertThatRegistry() {
    return assertThatRegistry(RegistryAssertions.assertThatRegistry().actual());
  }
}
