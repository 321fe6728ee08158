package io.github.etcdregistry.junit;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AssertThatRegistryOutsideTest {

  @Test
  void explainsHowToBindARegistry() {
    assertThatThrownBy(() -> assertThatRegistry())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("@io.github.etcdregistry.junit.WithEtcdRegistry")
        .hasMessageContaining("assertThatRegistry(registry)");
  }
}
