package io.github.etcdregistry.assertions;

import io.github.etcdregistry.registry.BoundRegistry;
import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.registry.RegistryRecording;
import org.assertj.core.api.AbstractSoftAssertions;

/**
 * Collects every failed registry assertion and reports them together:
 *
 * <pre>{@code
 * RegistrySoftAssertions softly = new RegistrySoftAssertions();
 * softly.assertThatRegistry(registry).hasSecret("default", "db").isEncryptedWith("aescbc");
 * softly.assertThatRegistry(registry).hasConfigMap("default", "settings").isNotEncrypted();
 * softly.assertAll();
 * }</pre>
 *
 * A missing key is one failure; the checks chained after it are skipped rather than reported again.
 */
public class RegistrySoftAssertions extends AbstractSoftAssertions {

  public RegistryAssert assertThatRegistry(EtcdRegistry registry) {
    return proxy(RegistryAssert.class, EtcdRegistry.class, registry).collectingInto(this);
  }

  public RecordingAssert assertThat(RegistryRecording recording) {
    return proxy(RecordingAssert.class, RegistryRecording.class, recording).collectingInto(this);
  }

  /** Soft assertions on the registry of the running {@code @WithEtcdRegistry} test. */
  public RegistryAssert assertThatRegistry() {
    return assertThatRegistry(RegistryAssertions.assertThatRegistry().actual());
  }
}
