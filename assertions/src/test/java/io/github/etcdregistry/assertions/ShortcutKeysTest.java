package io.github.etcdregistry.assertions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.registry.KeyLayout;
import io.github.etcdregistry.registry.RegistryAccessException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each typed shortcut ({@code hasPod}, {@code hasNode}, ...) reads the key {@code KeyLayout} gives for the group and
 * resource it stands for. No etcd: the registry says at once that etcd cannot answer, and that answer names the key.
 */
class ShortcutKeysTest {

  private static final String NO_ETCD = "no etcd in this test";

  private static EtcdRegistry registry;

  @BeforeAll
  static void registryWithoutEtcd() {
    registry = EtcdRegistry.builder().endpoints("http://127.0.0.1:1").unavailableWhen(() -> Optional.of(NO_ETCD)).build();
  }

  @AfterAll
  static void close() {
    registry.close();
  }

  /** Shortcut, the group and resource it named before it looked its resource up in KeyLayout, and the key. */
  static Stream<Arguments> shortcuts() {
    return Stream.of(
        Arguments.of("hasPod", "", "pods", "/registry/pods/ns/obj"),
        Arguments.of("hasSecret", "", "secrets", "/registry/secrets/ns/obj"),
        Arguments.of("hasConfigMap", "", "configmaps", "/registry/configmaps/ns/obj"),
        Arguments.of("hasServiceAccount", "", "serviceaccounts", "/registry/serviceaccounts/ns/obj"),
        Arguments.of("hasService", "", "services", "/registry/services/specs/ns/obj"),
        Arguments.of("hasEndpoints", "", "endpoints", "/registry/services/endpoints/ns/obj"),
        Arguments.of("hasNamespace", "", "namespaces", "/registry/namespaces/obj"),
        Arguments.of("hasNode", "", "nodes", "/registry/minions/obj"),
        Arguments.of("hasDeployment", "apps", "deployments", "/registry/deployments/ns/obj"),
        Arguments.of("hasReplicaSet", "apps", "replicasets", "/registry/replicasets/ns/obj"),
        Arguments.of("hasDaemonSet", "apps", "daemonsets", "/registry/daemonsets/ns/obj"),
        Arguments.of("hasStatefulSet", "apps", "statefulsets", "/registry/statefulsets/ns/obj"),
        Arguments.of("hasControllerRevision", "apps", "controllerrevisions", "/registry/controllerrevisions/ns/obj"),
        Arguments.of("hasJob", "batch", "jobs", "/registry/jobs/ns/obj"),
        Arguments.of("hasCronJob", "batch", "cronjobs", "/registry/cronjobs/ns/obj"),
        Arguments.of("hasRole", "rbac.authorization.k8s.io", "roles", "/registry/roles/ns/obj"),
        Arguments.of("hasRoleBinding", "rbac.authorization.k8s.io", "rolebindings", "/registry/rolebindings/ns/obj"),
        Arguments.of("hasClusterRole", "rbac.authorization.k8s.io", "clusterroles", "/registry/clusterroles/obj"),
        Arguments.of("hasClusterRoleBinding", "rbac.authorization.k8s.io", "clusterrolebindings",
            "/registry/clusterrolebindings/obj"));
  }

  @ParameterizedTest(name = "{0} reads {3}")
  @MethodSource("shortcuts")
  void eachShortcutReadsTheKeyOfItsResource(String shortcut, String group, String resource, String key) {
    Method method = shortcut(shortcut);
    boolean namespaced = method.getParameterCount() == 2;

    assertThat(KeyLayout.standard().keyOf(group, resource, namespaced ? "ns" : null, "obj")).isEqualTo(key);
    assertThat(keyReadBy(registry, method)).isEqualTo(key);
  }

  @ParameterizedTest(name = "{0} under another prefix")
  @MethodSource("shortcuts")
  void shortcutsFollowTheRegistrysPrefix(String shortcut, String group, String resource, String key) {
    assertThat(keyReadBy(registry.withPrefix("/k8s"), shortcut(shortcut))).isEqualTo("/k8s" + key.substring("/registry".length()));
  }

  @Test
  void everyShortcutIsListed() {
    Set<String> listed = shortcuts().map(arguments -> (String) arguments.get()[0]).collect(Collectors.toSet());
    Set<String> declared = Arrays.stream(RegistryAssert.class.getDeclaredMethods())
        .filter(method -> Modifier.isPublic(method.getModifiers()) && method.getReturnType() == RegistryEntryAssert.class)
        .map(Method::getName)
        .filter(name -> !Set.of("hasKey", "hasKeyUnder", "hasResource").contains(name))
        .collect(Collectors.toSet());

    assertThat(listed).isEqualTo(declared);
  }

  @Test
  void aNamespacedShortcutRefusesAMissingNamespaceAsKeyLayoutDoes() {
    String expected = catchThrowable(() -> KeyLayout.standard().keyOf("", "pods", null, "nginx")).getMessage();

    assertThatIllegalArgumentException().isThrownBy(() -> RegistryAssertions.assertThatRegistry(registry).hasPod(null, "nginx"))
        .withMessage(expected)
        .withMessage("Pod is namespaced: give a namespace, e.g. \"default\"");
    assertThatIllegalArgumentException().isThrownBy(() -> RegistryAssertions.assertThatRegistry(registry).hasClusterRole(""))
        .withMessage("A ClusterRole needs a name");
  }

  @Test
  void hasResourceStillRefusesANamespaceForAClusterScopedResource() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RegistryAssertions.assertThatRegistry(registry).hasResource("", "nodes", "default", "worker-1"))
        .withMessage("Node is cluster-scoped: pass null as the namespace, not \"default\"");
  }

  private static Method shortcut(String name) {
    return Arrays.stream(RegistryAssert.class.getMethods()).filter(method -> method.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("RegistryAssert has no " + name));
  }

  /** The key the shortcut asked etcd for, from the answer that etcd cannot give. */
  private static String keyReadBy(EtcdRegistry registry, Method shortcut) {
    Object[] arguments = shortcut.getParameterCount() == 2 ? new Object[] {"ns", "obj"} : new Object[] {"obj"};
    Throwable thrown;
    try {
      shortcut.invoke(new RegistryAssert(registry), arguments);
      throw new AssertionError(shortcut.getName() + " read etcd although nothing answers");
    } catch (InvocationTargetException e) {
      thrown = e.getCause();
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
    assertThat(thrown).isInstanceOf(RegistryAccessException.class).hasMessageStartingWith("etcd cannot answer get ")
        .hasMessageEndingWith(": " + NO_ETCD);
    String message = thrown.getMessage();
    return message.substring("etcd cannot answer get ".length(), message.length() - NO_ETCD.length() - 2);
  }
}
