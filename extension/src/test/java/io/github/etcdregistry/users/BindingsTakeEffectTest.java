package io.github.etcdregistry.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.junit.TestNamespace;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A {@code bind...} of {@link TestNamespace} returns once the permission is in effect: the request right after it is
 * allowed, with no retry, though RBAC's authorizer learns of bindings through an informer. Each round binds a new user
 * whose connection is already open, so that a lag, on a busy machine, would show in one of them.
 */
class BindingsTakeEffectTest {

  private static final int ROUNDS = 20;

  /** Whether kube-apiserver refuses {@code call}; it also opens the user's connection, so the call after binding is quick. */
  private static boolean forbidden(Runnable call) {
    try {
      call.run();
      return false;
    } catch (KubernetesClientException e) {
      return e.getCode() == 403;
    }
  }

  @Nested
  @WithEtcdRegistry(kubeApiServer = true, backend = Backend.PROCESS)
  class WithoutControllerManager {

    @Test
    void aRoleIsInEffectWhenBindRoleReturns(ControlPlane controlPlane, TestNamespace ns) {
      ns.client().configMaps().inNamespace(ns.name()).resource(new ConfigMapBuilder().withNewMetadata().withName("settings").endMetadata()
          .addToData("mode", "fast").build()).create();
      ns.client().rbac().roles().inNamespace(ns.name()).resource(new RoleBuilder().withNewMetadata().withName("settings-reader")
          .endMetadata().addNewRule().withApiGroups("").withResources("configmaps").withVerbs("get").endRule().build()).create();

      for (int round = 1; round <= ROUNDS; round++) {
        KubernetesClient reader = controlPlane.clientFor("reader-" + round);
        assertThat(forbidden(() -> reader.configMaps().inNamespace(ns.name()).withName("settings").get())).isTrue();

        ns.bindRole("settings-reader", "reader-" + round);

        assertThat(reader.configMaps().inNamespace(ns.name()).withName("settings").get().getData()).containsEntry("mode", "fast");
      }
    }

    @Test
    void anAggregatedClusterRoleNeedsTheControllerManager(TestNamespace ns) {
      assertThatIllegalStateException().isThrownBy(() -> ns.bindClusterRole("view", "alice"))
          .withMessageContaining("The ClusterRole view is aggregated (aggregationRule) and has no rules")
          .withMessageContaining("Add kubeControllerManager = true to @WithEtcdRegistry");
    }

    @Test
    void aRoleThatDoesNotExistIsNotBound(TestNamespace ns) {
      assertThatIllegalStateException().isThrownBy(() -> ns.bindRole("no-such-role", "alice"))
          .withMessage("There is no Role no-such-role in the namespace " + ns.name() + ": create it before binding it, a binding to"
              + " it would grant nothing");
    }
  }

  @Nested
  @WithEtcdRegistry(kubeControllerManager = true, backend = Backend.PROCESS)
  class WithControllerManager {

    @Test
    void viewIsInEffectWhenBindClusterRoleReturns(ControlPlane controlPlane, TestNamespace ns) {
      for (int round = 1; round <= ROUNDS; round++) {
        KubernetesClient viewer = controlPlane.clientFor("viewer-" + round);
        assertThat(forbidden(() -> viewer.pods().inNamespace(ns.name()).list())).isTrue();

        ns.bindClusterRole("view", "viewer-" + round);

        assertThat(viewer.pods().inNamespace(ns.name()).list().getItems()).isEmpty();
      }
    }
  }
}
