package io.github.etcdregistry.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.etcdregistry.registry.KeyLayout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FamilyNamesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "/registry/pods/tour/nginx, pods",
      "/registry/minions/worker-1, minions",
      "/registry/services/specs/tour/web, services/specs",
      "/registry/services/endpoints/tour/web, services/endpoints",
      "/registry/apiregistration.k8s.io/apiservices/v1.apps, apiregistration.k8s.io/apiservices",
      "/registry/apiextensions.k8s.io/customresourcedefinitions/crontabs.stable.example.com, apiextensions.k8s.io/customresourcedefinitions",
      "/registry/stable.example.com/crontabs/tour/my-cron, stable.example.com/crontabs",
      "/registry/ranges/serviceips, ranges/serviceips",
      "/registry/ranges/servicenodeports, ranges/servicenodeports",
      "/registry/masterleases/127.0.0.1, masterleases",
      "/registry/peerserverleases/kube-apiserver-abc, peerserverleases",
      "/registry/volumeattributesclasses/gold, volumeattributesclasses",
      "/registry/lonely, lonely",
      "compact_rev_key, compact_rev_key",
  })
  void aKeyBelongsToTheFamilyItsResourceOrAllocatorSharesInThePath(String key, String family) {
    assertThat(FamilyNames.familyOf(key, KeyLayout.standard())).isEqualTo(family);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "/k8s/pods/tour/nginx, pods",
      "/registry/pods/tour/nginx, /registry/pods/tour/nginx",
  })
  void theFamilyIsTakenAfterTheConfiguredPrefix(String key, String family) {
    assertThat(FamilyNames.familyOf(key, KeyLayout.withPrefix("/k8s"))).isEqualTo(family);
  }
}
