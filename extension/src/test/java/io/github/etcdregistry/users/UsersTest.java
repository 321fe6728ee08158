package io.github.etcdregistry.users;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.junit.TestNamespace;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code clientFor(user, groups)}: real users, authenticated by certificate, held to RBAC. */
@WithEtcdRegistry(kubeApiServer = true, backend = Backend.PROCESS)
class UsersTest {

  @BeforeEach
  void secretsAndAReaderRole(TestNamespace ns) {
    ns.client().secrets().inNamespace(ns.name()).resource(new SecretBuilder().withNewMetadata().withName("db").endMetadata()
        .addToStringData("password", "hunter2").build()).create();
    ns.client().rbac().roles().inNamespace(ns.name()).resource(new RoleBuilder().withNewMetadata().withName("secret-reader").endMetadata()
        .addNewRule().withApiGroups("").withResources("secrets").withVerbs("get", "list").endRule().build()).create();
  }

  @Test
  void aliceIsForbiddenSecretsUntilARoleBindingGrantsThem(ControlPlane controlPlane, TestNamespace ns) {
    KubernetesClient alice = controlPlane.clientFor("alice", "dev-team");

    KubernetesClientException forbidden = catchThrowableOfType(KubernetesClientException.class,
        () -> alice.secrets().inNamespace(ns.name()).withName("db").get());
    assertThat(forbidden.getCode()).isEqualTo(403);
    assertThat(forbidden.getMessage()).contains("User \"alice\" cannot get resource \"secrets\"");

    RoleBinding binding = ns.bindRole("secret-reader", "alice");

    assertThatRegistry().hasRoleBinding(ns.name(), binding.getMetadata().getName()).isProtobuf()
        .decodedAs(RoleBinding.class).satisfies(stored -> {
          assertThat(stored.getRoleRef().getName()).isEqualTo("secret-reader");
          assertThat(stored.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getKind()).isEqualTo("User");
            assertThat(subject.getName()).isEqualTo("alice");
          });
        });
    assertThat(alice.secrets().inNamespace(ns.name()).withName("db").get().getMetadata().getName()).isEqualTo("db");
    assertThat(catchThrowableOfType(KubernetesClientException.class, () -> alice.secrets().inNamespace(ns.name()).withName("db")
        .delete()).getCode()).as("the Role grants reading only").isEqualTo(403);
  }

  @Test
  void groupsComeFromTheCertificate(ControlPlane controlPlane, TestNamespace ns) {
    KubernetesClient bob = controlPlane.clientFor("bob", "dev-team", "on-call");
    KubernetesClient carol = controlPlane.clientFor("carol", "marketing");

    ns.bindRoleToGroup("secret-reader", "on-call");

    assertThat(bob.secrets().inNamespace(ns.name()).list().getItems()).extracting(s -> s.getMetadata().getName())
        .containsExactly("db");
    assertThat(catchThrowableOfType(KubernetesClientException.class, () -> carol.secrets().inNamespace(ns.name()).list()).getCode())
        .isEqualTo(403);
  }

  @Test
  void aUserNeedsAName(ControlPlane controlPlane) {
    assertThatIllegalArgumentException().isThrownBy(() -> controlPlane.clientFor(" ")).withMessageContaining("user name");
  }
}
