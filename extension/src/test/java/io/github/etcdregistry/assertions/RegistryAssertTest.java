package io.github.etcdregistry.assertions;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;
import static io.github.etcdregistry.assertions.error.ShouldHaveKey.shouldHaveKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.registry.KeyLayout;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.assertj.core.api.junit.jupiter.InjectSoftAssertions;
import org.assertj.core.api.junit.jupiter.SoftAssertionsExtension;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** Registry-level assertions and their messages, against a real etcd holding raw keys. */
@WithEtcdRegistry(backend = Backend.PROCESS)
class RegistryAssertTest {

  @BeforeEach
  void storeSomeKeys(Client etcd) throws Exception {
    for (String key : new String[] {"/registry/pods/default/nginx", "/registry/pods/default/nginx-2", "/registry/pods/kube-system/dns",
        "/registry/minions/worker-1"}) {
      etcd.getKVClient().put(ByteSequence.from(key, StandardCharsets.UTF_8), ByteSequence.from("x", StandardCharsets.UTF_8)).get();
    }
  }

  @Test
  void missingKeyListsTheNearestKeysUnderTheSamePrefix() {
    Throwable failure = catchThrowable(() -> assertThatRegistry().hasPod("default", "ngnix"));

    assertThat(failure).isInstanceOf(AssertionError.class).hasMessageContainingAll(
        "Expecting etcd to have key:", "\"/registry/pods/default/ngnix\"", "Pod ngnix in namespace default",
        "Nearest keys under /registry/pods/default/:", "  /registry/pods/default/nginx");
    assertThat(failure.getMessage().indexOf("/registry/pods/default/nginx\n"))
        .as("the closest name comes first").isLessThan(failure.getMessage().indexOf("/registry/pods/default/nginx-2"));
  }

  @Test
  void missingKeyReadsAsItsMessageFactoryWritesIt() {
    String key = "/registry/pods/kube-system/dnz";
    ErrorMessageFactory expected = shouldHaveKey(key, KeyLayout.withPrefix("/registry").describe(key), "/registry/pods/kube-system/",
        List.of("/registry/pods/kube-system/dns"));

    assertThat(catchThrowable(() -> assertThatRegistry().as("after rollout").hasPod("kube-system", "dnz")))
        .hasMessage(expected.create(new TextDescription("after rollout"), STANDARD_REPRESENTATION));
  }

  @Test
  void missingNamespaceFallsBackToTheResourceDirectory() {
    assertThat(catchThrowable(() -> assertThatRegistry().hasPod("prod", "nginx")))
        .hasMessageContainingAll("Nearest keys under /registry/pods/:", "/registry/pods/default/nginx", "/registry/pods/kube-system/dns");
  }

  @Test
  void nodesAreLookedUpUnderMinions() {
    assertThatRegistry().hasNode("worker-1").isNotEncrypted();
    assertThat(catchThrowable(() -> assertThatRegistry().hasNode("worker-2")))
        .hasMessageContaining("nodes are stored under their old name, minions");
  }

  @Test
  void doesNotHaveKeyShowsWhatIsThere() {
    assertThat(catchThrowable(() -> assertThatRegistry().doesNotHaveKey("/registry/minions/worker-1")))
        .hasMessageContainingAll("Expecting etcd not to have key:", "/registry/minions/worker-1", "version=");
  }

  /** Its own namespace: the other tests add keys under default/, in an order JUnit does not promise. */
  @Test
  void keysUnderIsAListAssertion(Client etcd) throws Exception {
    for (String key : new String[] {"/registry/pods/listed/web-b", "/registry/pods/listed/web-a"}) {
      etcd.getKVClient().put(ByteSequence.from(key, StandardCharsets.UTF_8), ByteSequence.from("x", StandardCharsets.UTF_8)).get();
    }

    assertThatRegistry().keysUnder("/registry/pods/listed/")
        .containsExactly("/registry/pods/listed/web-a", "/registry/pods/listed/web-b");
  }

  @Test
  void descriptionIsKeptOnNavigation() {
    assertThat(catchThrowable(() -> assertThatRegistry().as("after rollout").hasPod("default", "nginx").isProtobuf()))
        .hasMessageContaining("[after rollout]")
        .hasMessageContaining("to be stored as protobuf but it is stored as unknown");
  }

  @Test
  void undecodableValueNamesTheKeyAndShowsTheFirstBytes(Client etcd) throws Exception {
    byte[] truncated = {0x6b, 0x38, 0x73, 0x00, 0x0a, 0x7f, 0x01};
    etcd.getKVClient().put(ByteSequence.from("/registry/pods/default/broken", StandardCharsets.UTF_8), ByteSequence.from(truncated)).get();

    assertThat(catchThrowable(() -> assertThatRegistry().hasPod("default", "broken").decodedAs(Object.class)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContainingAll("/registry/pods/default/broken", "6b 38 73 00 0a 7f 01");
  }

  @Test
  void garbageUnderASecretKeyShowsNoMoreThanItsFirstBytes(Client etcd) throws Exception {
    etcd.getKVClient().put(ByteSequence.from("/registry/secrets/default/leaky", StandardCharsets.UTF_8),
        ByteSequence.from("not-protobuf but a password: hunter2", StandardCharsets.UTF_8)).get();

    Throwable failure = catchThrowable(() -> assertThatRegistry().hasSecret("default", "leaky").asYaml());
    assertThat(failure).isInstanceOf(AssertionError.class).hasMessageContaining("/registry/secrets/default/leaky");
    assertThat(failure.getMessage()).doesNotContain("hunter2").doesNotContain("password");
  }

  @Test
  void badArgumentsAreIllegalArgumentsNotAssertionErrors() {
    assertThatIllegalArgumentException().isThrownBy(() -> assertThatRegistry().hasKey(""));
    assertThatIllegalArgumentException().isThrownBy(() -> assertThatRegistry().hasNode(null));
    assertThatIllegalArgumentException().isThrownBy(() -> assertThatRegistry().hasPod(null, "nginx"))
        .withMessageContaining("namespaced");
  }

  @Test
  void softAssertionsCollectEveryFailureOnce(EtcdRegistry registry) {
    RegistrySoftAssertions softly = new RegistrySoftAssertions();
    softly.assertThatRegistry(registry).hasPod("default", "missing").isProtobuf().hasVersion(3);
    softly.assertThatRegistry(registry).hasPod("default", "nginx").hasVersion(1_000);
    softly.assertThatRegistry(registry).doesNotHaveKey("/registry/minions/worker-1");
    softly.assertThatRegistry(registry).keysUnder("/registry/pods/kube-system/").isEmpty();

    assertThat(softly.errorsCollected()).hasSize(4);
    assertThat(softly.errorsCollected().get(0)).hasMessageContaining("/registry/pods/default/missing");
    assertThat(softly.errorsCollected().get(1)).hasMessageContaining("version (number of writes)");
  }

  /** AssertJ's own soft assertions with the registry's mixed in: one assertAll reports both kinds of failure. */
  static class MixedSoftAssertions extends SoftAssertions implements RegistrySoftAssertionsProvider {}

  @Test
  void registrySoftAssertionsMixIntoAssertjsOwn(EtcdRegistry registry) {
    MixedSoftAssertions softly = new MixedSoftAssertions();

    softly.assertThat(1).isEqualTo(2);
    softly.assertThatRegistry(registry).hasKey("/registry/pods/default/missing");
    softly.assertThatRegistry(registry).hasKey("/registry/pods/default/nginx");

    assertThat(softly.errorsCollected()).hasSize(2);
    assertThat(softly.errorsCollected().get(1)).hasMessageContaining("/registry/pods/default/missing");
    assertThatThrownBy(softly::assertAll).isInstanceOf(AssertionError.class).hasMessageContaining("Multiple Failures (2 failures)");
  }

  @Test
  void registrySoftAssertionsCollectUnderAssertjsSoftAssertionsExtension() {
    Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(UnderSoftAssertionsExtension.class)).execute().testEvents();

    tests.assertThatEvents().haveExactly(1, event(test("missingKeyIsCollected"),
        finishedWithFailure(instanceOf(AssertionError.class), message(text -> text.contains("/registry/pods/default/missing")))));
    assertThat(UnderSoftAssertionsExtension.ranToTheEnd).as("the failure was collected, not thrown").isTrue();
  }

  @WithEtcdRegistry(backend = Backend.PROCESS)
  @ExtendWith(SoftAssertionsExtension.class)
  static class UnderSoftAssertionsExtension {
    static volatile boolean ranToTheEnd;

    @InjectSoftAssertions
    MixedSoftAssertions softly;

    @Test
    void missingKeyIsCollected(EtcdRegistry registry) {
      softly.assertThatRegistry(registry).hasKey("/registry/pods/default/missing");
      ranToTheEnd = true;
    }
  }
}

