package io.github.etcdregistry.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyLayoutTest {

  private final KeyLayout layout = KeyLayout.standard();

  @ParameterizedTest(name = "{0}/{1} {2}/{3} -> {4}")
  @CsvSource(nullValues = "-", value = {
      "'', pods, default, nginx, /registry/pods/default/nginx",
      "'', nodes, -, worker-1, /registry/minions/worker-1",
      "'', services, default, web, /registry/services/specs/default/web",
      "'', endpoints, default, web, /registry/services/endpoints/default/web",
      "'', replicationcontrollers, default, rc, /registry/controllers/default/rc",
      "networking.k8s.io, ingresses, default, site, /registry/ingress/default/site",
      "apps, deployments, shop, web, /registry/deployments/shop/web",
      "rbac.authorization.k8s.io, clusterroles, -, admin, /registry/clusterroles/admin",
      "apiregistration.k8s.io, apiservices, -, v1.apps, /registry/apiregistration.k8s.io/apiservices/v1.apps",
      "apiextensions.k8s.io, customresourcedefinitions, -, crontabs.stable.example.com, /registry/apiextensions.k8s.io/customresourcedefinitions/crontabs.stable.example.com",
      "stable.example.com, crontabs, default, my-cron, /registry/stable.example.com/crontabs/default/my-cron",
      "storage.k8s.io, volumeattributesclasses, -, gold, /registry/volumeattributesclasses/gold",
  })
  void keysFollowTheApiServersLayout(String group, String resource, String namespace, String name, String key) {
    assertThat(layout.keyOf(group, resource, namespace, name)).isEqualTo(key);
  }

  @Test
  void scopeMistakesAreExplained() {
    assertThatIllegalArgumentException().isThrownBy(() -> layout.keyOf("", "nodes", "default", "worker-1"))
        .withMessageContaining("cluster-scoped");
    assertThatIllegalArgumentException().isThrownBy(() -> layout.keyOf("", "pods", null, "nginx"))
        .withMessageContaining("namespaced");
  }

  @Test
  void describeSaysWhatAKeyHoldsAndWhyItIsThere() {
    assertThat(layout.describe("/registry/minions/worker-1")).isEqualTo("Node worker-1 — nodes are stored under their old name, minions");
    assertThat(layout.describe("/registry/pods/default/nginx")).isEqualTo("Pod nginx in namespace default");
    assertThat(layout.describe("/registry/services/endpoints/default/web"))
        .isEqualTo("Endpoints web in namespace default — endpoints are stored under services/endpoints");
    assertThat(layout.describe("/registry/stable.example.com/crontabs/default/my-cron"))
        .startsWith("custom resource stable.example.com/crontabs my-cron in namespace default");
    assertThat(layout.describe("/registry/leases/kube-node-lease/node-1"))
        .isEqualTo("Lease node-1 in namespace kube-node-lease — the heartbeat of Node node-1, which its kubelet renews every 10 s");
    assertThat(layout.describe("/registry/leases/kube-system/kube-scheduler")).isEqualTo("Lease kube-scheduler in namespace kube-system");
    assertThat(layout.describe("/registry/events/default/nginx.18ef1d07ebc4325a"))
        .startsWith("Event nginx.18ef1d07ebc4325a in namespace default — kept for --event-ttl");
    assertThat(layout.describe("/registry/ranges/servicenodeports")).startsWith("not an API object: the NodePort allocator");
    assertThat(layout.describe("compact_rev_key")).contains("compacted");
  }

  @Test
  void resourceOfPrefersTheLongestSegment() {
    assertThat(layout.resourceOf("/registry/services/specs/default/web")).map(ResourceType::kind).contains("Service");
    assertThat(layout.resourceOf("/registry/services/endpoints/default/web")).map(ResourceType::kind).contains("Endpoints");
    assertThat(layout.resourceOf("/elsewhere/pods/x")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(nullValues = "-", value = {
      "/registry/pods/shop/web,                          shop",
      "/registry/services/specs/shop/web,                shop",
      "/registry/leases/kube-node-lease/node-1,          kube-node-lease",
      "/registry/stable.example.com/crontabs/shop/daily, shop",
      "/registry/namespaces/shop,                        shop",
      "/registry/minions/node-1,                         -",
      "/registry/ranges/serviceips,                      -",
      "/registry/stable.example.com/clusterthings/one,   -",
      "/registry/pods/,                                  -",
      "/other/pods/shop/web,                             -"})
  void namespaceOfReadsTheNamespaceSegment(String key, String namespace) {
    assertThat(layout.namespaceOf(key)).isEqualTo(Optional.ofNullable(namespace));
  }

  @Test
  void customPrefixIsHonoured() {
    assertThat(KeyLayout.withPrefix("/k8s/").keyOf("", "pods", "default", "nginx")).isEqualTo("/k8s/pods/default/nginx");
  }
}
