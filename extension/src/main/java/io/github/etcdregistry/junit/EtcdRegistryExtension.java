package io.github.etcdregistry.junit;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.assertions.SecretRedaction;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.Component;
import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.controlplane.Settings;
import io.github.etcdregistry.controlplane.internal.JetcdClients;
import io.github.etcdregistry.registry.BoundRegistry;
import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.registry.RegistryRecording;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
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
    TestInstancePostProcessor, ParameterResolver, TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EtcdRegistryExtension.class);
  private static final String CONTROL_PLANE = "control-plane";
  private static final String BINDING = "registry-binding";
  private static final List<Class<?>> INJECTABLE = List.of(ControlPlane.class, EtcdRegistry.class, KubernetesClient.class);
  private static final String TEST_NAMESPACE = "test-namespace";
  private static final String FAILED = "a-test-failed";
  private static final String RECORDING = "class-recording";
  private static final String STATIC_FIELDS = "injected-static-fields";

  @Override
  public void beforeAll(ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    // A @Nested class without its own annotation finds the enclosing class's control plane through the store's parent chain.
    Optional<WithEtcdRegistry> own = AnnotationSupport.findAnnotation(testClass, WithEtcdRegistry.class);
    if (own.isPresent() && own.get().lifecycle() == WithEtcdRegistry.Lifecycle.PER_METHOD) {
      staticFields(testClass).stream().findFirst().ifPresent(field -> {
        throw new ExtensionConfigurationException("Cannot inject the static field " + field + ": with lifecycle = PER_METHOD each test"
            + " has its own control plane. Make the field an instance field, or use lifecycle = PER_CLASS or SHARED");
      });
    }
    if (own.isEmpty() || own.get().lifecycle() == WithEtcdRegistry.Lifecycle.PER_METHOD) {
      return;
    }
    ControlPlaneConfiguration configuration = ControlPlaneConfiguration.of(own.get());
    if (own.get().lifecycle() == WithEtcdRegistry.Lifecycle.SHARED) {
      ExtensionContext.Store root = context.getRoot().getStore(NAMESPACE);
      ControlPlane shared = sharedControlPlane(root, configuration);
      context.getStore(NAMESPACE).put(CONTROL_PLANE, new Borrowed(shared));
    } else {
      context.getStore(NAMESPACE).put(CONTROL_PLANE, new Owned<>(started(configuration.newControlPlane())));
    }
    // before their users run: @BeforeAll methods, extensions registered on instance fields
    List<Field> injected = injectFields(null, staticFields(testClass), context);
    AutoCloseable forget = () -> injected.forEach(EtcdRegistryExtension::clearStatic); // no stopped client outlives its class
    context.getStore(NAMESPACE).put(STATIC_FIELDS, new Owned<>(forget));
    if (reports(own.get()).mayWrite()) { // the report shows what the class's tests wrote
      context.getStore(NAMESPACE).put(RECORDING, lookup(context).registry().record());
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    Optional<WithEtcdRegistry> annotation = annotation(context);
    if (annotation.isPresent() && annotation.get().lifecycle() == WithEtcdRegistry.Lifecycle.PER_METHOD
        && context.getStore(NAMESPACE).get(CONTROL_PLANE) == null) {
      context.getStore(NAMESPACE).put(CONTROL_PLANE, new Owned<>(started(ControlPlaneConfiguration.of(annotation.get()).newControlPlane())));
      Object instance = context.getRequiredTestInstance(); // created before this control plane
      injectFields(instance, instanceFields(instance.getClass()), context);
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

  /**
   * A test's failure leaves the JVM as surefire's report and the build log: whatever path a Secret's value took
   * into it (the caller's own {@code assertThat} inside a lambda, a fabric8 object's {@code toString()}), the
   * values of every Secret in this test's registry are replaced before it does. The same holds for a failure in
   * the class's own {@code @BeforeAll}, {@code @BeforeEach}, {@code @AfterEach} and {@code @AfterAll} methods.
   */
  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
    throw withoutSecretValues(context, failure);
  }

  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
    throw withoutSecretValues(context, failure);
  }

  @Override
  public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
    throw withoutSecretValues(context, failure);
  }

  @Override
  public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
    throw withoutSecretValues(context, failure);
  }

  @Override
  public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
    throw withoutSecretValues(context, failure);
  }

  private static Throwable withoutSecretValues(ExtensionContext context, Throwable failure) {
    ControlPlane controlPlane = lookup(context);
    if (controlPlane == null) {
      return failure; // nothing to read the Secrets from; assertions already hid the values they read
    }
    try { // etcd answers also after a component on top of it ended
      return SecretRedaction.ofSecretsIn(controlPlane.registry()).scrub(failure);
    } catch (RuntimeException unreadable) {
      return failure; // etcd is gone: the failure says so, and assertions already hid the values they read
    }
  }

  private static RegistryReports reports(WithEtcdRegistry annotation) {
    return RegistryReports.of(annotation, Settings.fromSystem());
  }

  @Override
  public void postProcessTestInstance(Object testInstance, ExtensionContext context) {
    if (lookup(context) != null) {
      injectFields(testInstance, instanceFields(testInstance.getClass()), context);
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    return injectable(type) || type == TestNamespace.class;
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
          () -> TestNamespace.create(controlPlane.kubernetesClient(), extensionContext.getRequiredTestMethod().getName(),
              controlPlane.backend() == Backend.EXISTING || controlPlane.spec().runs(Component.KUBE_CONTROLLER_MANAGER)));
    }
    if (controlPlane == null) {
      throw new ParameterResolutionException("A " + type.getSimpleName() + " can be injected into tests and @BeforeEach methods"
          + " of a @WithEtcdRegistry class; with lifecycle = PER_METHOD not into @BeforeAll methods or constructors");
    }
    return valueOf(type, controlPlane, extensionContext);
  }

  /** The types the extension injects; a jetcd {@code Client} only when the test's classpath has jetcd. */
  private static boolean injectable(Class<?> type) {
    return INJECTABLE.contains(type) || type.getName().equals(JetcdClients.CLIENT_CLASS) && JetcdClients.available();
  }

  private static Object valueOf(Class<?> type, ControlPlane controlPlane, ExtensionContext context) {
    if (type == ControlPlane.class) {
      return controlPlane;
    }
    if (type == EtcdRegistry.class) {
      return controlPlane.registry();
    }
    if (type.getName().equals(JetcdClients.CLIENT_CLASS)) {
      return controlPlane.etcdClient();
    }
    return controlPlane.kubernetesClient(); // explains itself when kube-apiserver was not asked for
  }

  private static List<Field> instanceFields(Class<?> testClass) {
    return ReflectionSupport.findFields(testClass, field -> isInjectable(field) && !ModifierSupport.isStatic(field), HierarchyTraversalMode.TOP_DOWN);
  }

  private static List<Field> staticFields(Class<?> testClass) {
    return ReflectionSupport.findFields(testClass, field -> isInjectable(field) && ModifierSupport.isStatic(field), HierarchyTraversalMode.TOP_DOWN);
  }

  private static boolean isInjectable(Field field) {
    return injectable(field.getType()) && !Modifier.isFinal(field.getModifiers());
  }

  /** Sets each field that is still null and returns those; {@code testInstance} is null for static fields. */
  private static List<Field> injectFields(Object testInstance, List<Field> fields, ExtensionContext context) {
    ControlPlane controlPlane = controlPlane(context);
    List<Field> injected = new ArrayList<>();
    for (Field field : fields) {
      try {
        field.setAccessible(true);
        if (field.get(testInstance) == null) {
          field.set(testInstance, valueOf(field.getType(), controlPlane, context));
          injected.add(field);
        }
      } catch (IllegalAccessException e) {
        throw new ExtensionConfigurationException("Could not inject " + field, e);
      }
    }
    return injected;
  }

  private static void clearStatic(Field field) {
    try {
      field.set(null, null);
    } catch (IllegalAccessException e) {
      throw new ExtensionConfigurationException("Could not clear " + field, e);
    }
  }

  private static ControlPlane started(ControlPlane controlPlane) {
    controlPlane.start();
    return controlPlane;
  }

  private static ControlPlane sharedControlPlane(ExtensionContext.Store root, ControlPlaneConfiguration configuration) {
    return computeIfAbsent(root, configuration, () -> started(configuration.newControlPlane()));
  }

  @SuppressWarnings({"deprecation", "unchecked"}) // Store.computeIfAbsent is JUnit 6 only; this keeps 5.12 and 5.13 working
  private static <V extends AutoCloseable> V computeIfAbsent(ExtensionContext.Store store, Object key, Supplier<V> value) {
    return ((Owned<V>) store.getOrComputeIfAbsent(key, k -> new Owned<>(value.get()), Owned.class)).value();
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
    return found == null ? null : (ControlPlane) ((Owned<?>) found).value();
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

  /**
   * What the extension started, closed (once) when its store's context ends. JUnit closes {@code AutoCloseable}
   * values only from 5.13 on; 5.12, which Spring Boot 3.5 brings, closes only a {@code CloseableResource}.
   */
  @SuppressWarnings("deprecation")
  private static final class Owned<T extends AutoCloseable> implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    private final T value;
    private final AtomicBoolean closed = new AtomicBoolean();

    Owned(T value) {
      this.value = value;
    }

    T value() {
      return value;
    }

    @Override
    public void close() throws Exception {
      if (closed.compareAndSet(false, true)) {
        value.close();
      }
    }
  }
}
