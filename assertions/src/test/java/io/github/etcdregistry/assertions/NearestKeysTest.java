package io.github.etcdregistry.assertions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NearestKeysTest {

  private static final List<String> KEYS = List.of(
      "/registry/pods/default/nginx", "/registry/pods/default/nginx-2", "/registry/pods/kube-system/dns",
      "/registry/minions/worker-1");

  @Test
  void distanceCountsInsertionsDeletionsAndSubstitutions() {
    assertThat(NearestKeys.distance("nginx", "nginx")).isZero();
    assertThat(NearestKeys.distance("", "pods")).isEqualTo(4);
    assertThat(NearestKeys.distance("pods", "")).isEqualTo(4);
    assertThat(NearestKeys.distance("nginx", "nginx-2")).isEqualTo(2);
    assertThat(NearestKeys.distance("nginx", "ngnix")).as("a swap is two substitutions").isEqualTo(2);
    assertThat(NearestKeys.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(NearestKeys.distance("sitting", "kitten")).as("symmetric").isEqualTo(3);
  }

  @Test
  void aTypoPutsTheIntendedKeyFirst() {
    NearestKeys nearest = NearestKeys.among(KEYS, "/registry", "/registry/pods/default/ngnix");

    assertThat(nearest.searchedUnder()).isEqualTo("/registry/pods/default/");
    assertThat(nearest.keys()).containsExactly("/registry/pods/default/nginx", "/registry/pods/default/nginx-2");
  }

  @Test
  void aMissingNamespaceFallsBackToTheResourceDirectory() {
    NearestKeys nearest = NearestKeys.among(KEYS, "/registry", "/registry/pods/prod/nginx");

    assertThat(nearest.searchedUnder()).isEqualTo("/registry/pods/");
    assertThat(nearest.keys()).containsExactlyInAnyOrder(
        "/registry/pods/default/nginx", "/registry/pods/default/nginx-2", "/registry/pods/kube-system/dns");
  }

  @Test
  void theSearchStopsAtThePrefixEvenWhenItHoldsNothing() {
    NearestKeys nearest = NearestKeys.among(List.of("/other/key"), "/registry", "/registry/pods/default/nginx");

    assertThat(nearest.searchedUnder()).isEqualTo("/registry/");
    assertThat(nearest.keys()).isEmpty();
  }

  @Test
  void atMostEightKeysAreShown() {
    List<String> many = IntStream.range(0, 20).mapToObj(i -> "/registry/pods/default/web-" + i).toList();

    assertThat(NearestKeys.among(many, "/registry", "/registry/pods/default/web").keys()).hasSize(NearestKeys.LIMIT);
  }
}
