package io.github.etcdregistry.samples;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.junit.TestNamespace;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import org.junit.jupiter.api.Test;

/** A user with groups, authenticated by a certificate the cluster CA signed: RBAC as in production. */
@WithEtcdRegistry(kubeApiServer = true)
class RbacAsARealUserTest {

  @Test
  void aliceNeedsARoleBindingToReadSecrets(ControlPlane controlPlane, TestNamespace ns) {
    var alice = controlPlane.clientFor("alice", "dev-team");  // CN=alice, O=dev-team
    assertThatThrownBy(() -> alice.secrets().inNamespace(ns.name()).list())
        .isInstanceOf(KubernetesClientException.class).hasMessageContaining("User \"alice\" cannot list resource \"secrets\"");

    ns.client().rbac().roles().inNamespace(ns.name()).resource(new RoleBuilder().withNewMetadata().withName("secret-reader")
        .endMetadata().addNewRule().withApiGroups("").withResources("secrets").withVerbs("get", "list").endRule().build()).create();
    ns.bindRole("secret-reader", "alice");

    assertThatRegistry().hasRoleBinding(ns.name(), "secret-reader-alice").isProtobuf();
  }
}
