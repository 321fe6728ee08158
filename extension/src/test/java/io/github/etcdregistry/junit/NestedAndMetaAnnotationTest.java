package io.github.etcdregistry.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.registry.EtcdRegistry;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@NestedAndMetaAnnotationTest.LocalEtcd
class NestedAndMetaAnnotationTest {

  /** A team's own shorthand: the extension must see through it. */
  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  @WithEtcdRegistry(backend = Backend.PROCESS)
  @interface LocalEtcd {}

  ControlPlane injectedField;
  EtcdRegistry injectedRegistry;

  @Test
  void metaAnnotationStartsAControlPlaneAndInjectsFields(ControlPlane controlPlane) {
    assertThat(controlPlane.isRunning()).isTrue();
    assertThat(injectedField).isSameAs(controlPlane);
    assertThat(injectedRegistry).isSameAs(controlPlane.registry());
  }

  /** Each nested test compares with the fields injected into its own enclosing instance: no order, no static state. */
  @Nested
  class WithoutItsOwnAnnotation {

    @Test
    void sharesTheEnclosingControlPlane(ControlPlane controlPlane) {
      assertThat(controlPlane.isRunning()).isTrue();
      assertThat(injectedField).isNotNull();
      assertThat(controlPlane).isSameAs(injectedField);
    }
  }

  @Nested
  @WithEtcdRegistry(backend = Backend.PROCESS)
  class WithItsOwnAnnotation {

    @Test
    void getsItsOwnControlPlane(ControlPlane controlPlane) {
      assertThat(controlPlane.isRunning()).isTrue();
      assertThat(injectedField).isNotNull();
      assertThat(controlPlane).isNotSameAs(injectedField);
    }
  }
}
