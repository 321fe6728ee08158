package io.github.etcdregistry.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PkiRequestTest {

  @Test
  void defaultsAreLocalhostTheFirstServiceIpAndADay() {
    PkiRequest defaults = PkiRequest.defaults();
    assertThat(defaults.etcdServerNames()).containsExactly("localhost");
    assertThat(defaults.etcdServerIps()).containsExactly("127.0.0.1");
    assertThat(defaults.apiServerNames()).isEmpty();
    assertThat(defaults.apiServerIps()).containsExactly("10.96.0.1");
    assertThat(defaults.validity()).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void withCopiesAddToTheCurrentValuesAndLeaveTheOriginalAlone() {
    PkiRequest defaults = PkiRequest.defaults();
    PkiRequest changed =
        defaults
            .withEtcdServerNames("etcd", "localhost")
            .withEtcdServerIps("10.0.0.2")
            .withApiServerNames("kube-apiserver")
            .withApiServerIps("10.0.0.3", "10.96.0.1")
            .withValidity(Duration.ofMinutes(30));

    assertThat(changed.etcdServerNames()).containsExactly("localhost", "etcd");
    assertThat(changed.etcdServerIps()).containsExactly("127.0.0.1", "10.0.0.2");
    assertThat(changed.apiServerNames()).containsExactly("kube-apiserver");
    assertThat(changed.apiServerIps()).containsExactly("10.96.0.1", "10.0.0.3");
    assertThat(changed.validity()).isEqualTo(Duration.ofMinutes(30));
    assertThat(defaults).isEqualTo(PkiRequest.defaults());
  }

  @Test
  void listsAreImmutableCopies() {
    List<String> names = new ArrayList<>(List.of("etcd"));
    PkiRequest request = new PkiRequest(names, List.of(), List.of(), List.of(), Duration.ofHours(1));
    names.add("sneaky");
    assertThat(request.etcdServerNames()).containsExactly("etcd");
    assertThatThrownBy(() -> request.etcdServerNames().add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void refusesWhatCannotGoIntoACertificate() {
    PkiRequest defaults = PkiRequest.defaults();
    assertThatThrownBy(() -> defaults.withEtcdServerIps("etcd")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an IP address");
    assertThatThrownBy(() -> defaults.withApiServerIps("10.96.0.0/12")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withApiServerNames("two words")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a DNS name");
    assertThatThrownBy(() -> defaults.withEtcdServerNames("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withValidity(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withValidity(Duration.ofHours(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withEtcdServerNames((String) null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void acceptsIpv6AndWildcards() {
    PkiRequest request = PkiRequest.defaults().withEtcdServerIps("::1").withApiServerNames("*.example.test");
    assertThat(request.etcdServerIps()).contains("::1");
    assertThat(request.apiServerNames()).containsExactly("*.example.test");
  }
}
