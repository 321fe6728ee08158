package io.github.etcdregistry.junit;

import io.etcd.jetcd.Client;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.controlplane.CustomResourceDefinitions;
import io.github.etcdregistry.controlplane.Settings;
import io.github.etcdregistry.registry.BoundRegistry;
import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.registry.RegistryRecording;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ModifierSupport;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The JUnit side of {@link WithEtcdRegistry}: starts a {@link ControlPlane} per class, per method or once per
 * JVM, keeps it in the extension context's store (JUnit closes it with that context, also when a test
 * fails), binds its registry for {@code assertThatRegistry()}, and injects clients. Holds no state itself.
 */
final class EtcdRegistryExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback,
    TestInstancePostProcessor, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EtcdRegistryExtension.class);
  private static final String CONTROL_PLANE = "control-plane";
  private static final String BINDING = "registry-binding";
  private static final List<Class<?>> INJECTABLE = List.of(ControlPlane.class, EtcdRegistry.class, Client.class, KubernetesClient.class);
  private static final String TEST_NAMESPACE = "test-namespace";
  private static final String FAILED = "a-test-failed";
  private static final String RECORDING = "class-recording";

  @Override
  public void beforeAll(ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    // A @Nested class without its own annotation finds the enclosing class's control plane through the store's parent chain.
    Optional<WithEtcdRegistry> own = AnnotationSupport.findAnnotation(testClass, WithEtcdRegistry.class);
    if (own.isEmpty() || own.get().lifecycle() == WithEtcdRegistry.Lifecycle.PER_METHOD) {
      return;
    }
    ControlPlaneConfiguration configuration = ControlPlaneConfiguration.of(own.get());
    CustomResourceDefinitions crds = configuration.crds().isEmpty() ? null : configuration.customResourceDefinitions();
    if (own.get().lifecycle() == WithEtcdRegistry.Lifecycle.SHARED) {
      ExtensionContext.Store root = context.getRoot().getStore(NAMESPACE);
      ControlPlane shared = sharedControlPlane(root, configuration);
      context.getStore(NAMESPACE).put(CONTROL_PLANE, new Borrowed(shared));
    } else {
      context.getStore(NAMESPACE).put(CONTROL_PLANE, started(configuration.newControlPlane()));
    }
    if (crds != null) {
      crds.applyTo(lookup(context).kubernetesClient(), configuration.crdTimeout());
    }
    if (reports(own.get()).mayWrite()) { // the report shows what the class's tests wrote
      context.getStore(NAMESPACE).put(RECORDING, lookup(context).registry().record());
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    Optional<WithEtcdRegistry> annotation = annotation(context);
    if (annotation.isPresent() && annotation.get().lifecycle() == WithEtcdRegistry.Lifecycle.PER_METHOD
        && context.getStore(NAMESPACE).get(CONTROL_PLANE) == null) {
      context.getStore(NAMESPACE).put(CONTROL_PLANE, started(ControlPlaneConfiguration.of(annotation.get()).newControlPlane()));
      injectFields(context.getRequiredTestInstance(), context); // the instance was created before this control plane
    }
    context.getStore(NAMESPACE).put(BINDING, BoundRegistry.bind(controlPlane(context).registry()));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    BoundRegistry.Binding binding = context.getStore(NAMESPACE).remove(BINDING, BoundRegistry.Binding.class);
    if (binding != null) {
      binding.close();
    }
    boolean failed = context.getExecutionException().isPresent();
    Optional<WithEtcdRegistry> annotation = annotation(context);
    if (annotation.isPresent() && annotation.get().lifecycle() == WithEtcdRegistry.Lifecycle.PER_METHOD) {
      // this test's etcd stops with the test: picture it now
      reports(annotation.get()).writeIfWanted(context.getRequiredTestClass().getName() + "." + context.getRequiredTestMethod().getName(),
          controlPlane(context), failed);
    } else if (failed) {
      context.getParent().ifPresent(parent -> parent.getStore(NAMESPACE).put(FAILED, true));
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Optional<WithEtcdRegistry> own = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), WithEtcdRegistry.class);
    ControlPlane controlPlane = lookup(context);
    if (own.isPresent() && own.get().lifecycle() != WithEtcdRegistry.Lifecycle.PER_METHOD && controlPlane != null) {
      boolean failed = Boolean.TRUE.equals(context.getStore(NAMESPACE).get(FAILED, Boolean.class));
      try (RegistryRecording recording = context.getStore(NAMESPACE).remove(RECORDING, RegistryRecording.class)) {
        if (recording != null) {
          recording.stop();
        }
        reports(own.get()).writeIfWanted(context.getRequiredTestClass().getName(), controlPlane, failed, recording);
      }
    }
  }

  private static RegistryReports reports(WithEtcdRegistry annotation) {
    return RegistryReports.of(annotation, Settings.fromSystem());
  }

  @Override
  public void postProcessTestInstance(Object testInstance, ExtensionContext context) {
    if (lookup(context) != null) {
      injectFields(testInstance, context);
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    return INJECTABLE.contains(type) || type == TestNamespace.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    ControlPlane controlPlane = lookup(extensionContext);
    if (type == TestNamespace.class && controlPlane != null) {
      if (extensionContext.getTestMethod().isEmpty()) {
        throw new ParameterResolutionException("A TestNamespace belongs to one test: inject it into a test or @BeforeEach method");
      }
      // one per test, shared by its @BeforeEach and test method; JUnit closes (deletes) it when the test ends
      return computeIfAbsent(extensionContext.getStore(NAMESPACE), TEST_NAMESPACE,
          () -> TestNamespace.create(controlPlane.kubernetesClient(), extensionContext.getRequiredTestMethod().getName()),
          TestNamespace.class);
    }
    if (controlPlane == null) {
      throw new ParameterResolutionException("A " + type.getSimpleName() + " can be injected into tests and @BeforeEach methods"
          + " of a @WithEtcdRegistry class; with lifecycle = PER_METHOD not into @BeforeAll methods or constructors");
    }
    return valueOf(type, controlPlane);
  }

  private static Object valueOf(Class<?> type, ControlPlane controlPlane) {
    if (type == ControlPlane.class) {
      return controlPlane;
    }
    if (type == EtcdRegistry.class) {
      return controlPlane.registry();
    }
    if (type == Client.class) {
      return controlPlane.etcdClient();
    }
    return controlPlane.kubernetesClient(); // explains itself when kube-apiserver was not asked for
  }

  private static void injectFields(Object testInstance, ExtensionContext context) {
    ControlPlane controlPlane = controlPlane(context);
    for (Field field : ReflectionSupport.findFields(testInstance.getClass(),
        field -> INJECTABLE.contains(field.getType()) && !ModifierSupport.isStatic(field) && !Modifier.isFinal(field.getModifiers()),
        HierarchyTraversalMode.TOP_DOWN)) {
      try {
        field.setAccessible(true);
        if (field.get(testInstance) == null) {
          field.set(testInstance, valueOf(field.getType(), controlPlane));
        }
      } catch (IllegalAccessException e) {
        throw new ExtensionConfigurationException("Could not inject " + field, e);
      }
    }
  }

  private static ControlPlane started(ControlPlane controlPlane) {
    controlPlane.start();
    return controlPlane;
  }

  private static ControlPlane sharedControlPlane(ExtensionContext.Store root, ControlPlaneConfiguration configuration) {
    return computeIfAbsent(root, configuration, () -> started(configuration.newControlPlane()), ControlPlane.class);
  }

  @SuppressWarnings("deprecation") // Store.computeIfAbsent is JUnit 6 only; this keeps 5.13 working
  private static <V> V computeIfAbsent(ExtensionContext.Store store, Object key, java.util.function.Supplier<V> value, Class<V> type) {
    return store.getOrComputeIfAbsent(key, k -> value.get(), type);
  }

  /** The annotation on the test class, its superclasses or meta-annotations, else on an enclosing class (for @Nested). */
  private static Optional<WithEtcdRegistry> annotation(ExtensionContext context) {
    for (Class<?> type = context.getRequiredTestClass(); type != null; type = type.getEnclosingClass()) {
      Optional<WithEtcdRegistry> found = AnnotationSupport.findAnnotation(type, WithEtcdRegistry.class);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static ControlPlane lookup(ExtensionContext context) {
    Object found = context.getStore(NAMESPACE).get(CONTROL_PLANE);
    if (found instanceof Borrowed borrowed) {
      return borrowed.controlPlane();
    }
    return (ControlPlane) found;
  }

  private static ControlPlane controlPlane(ExtensionContext context) {
    ControlPlane controlPlane = lookup(context);
    if (controlPlane == null) {
      throw new ExtensionConfigurationException("No control plane for " + context.getUniqueId()
          + ": is the class annotated with @WithEtcdRegistry?");
    }
    return controlPlane;
  }

  /** A shared control plane seen from one class: the class's store must not close it. */
  private record Borrowed(ControlPlane controlPlane) {}
}
