package io.github.etcdregistry.assertions;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import io.github.etcdregistry.registry.EtcdRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.assertj.core.api.ObjectAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * Assertion paths × a canary Secret value: every path is made to fail, and neither the failure as it leaves the
 * assertion, nor the failure as JUnit reports it (message and the stack trace surefire writes), nor anything printed
 * while the tests ran, shows the canary, its base64 or its bytes. Once with the Secret stored in plain protobuf, once
 * encrypted at rest.
 */
class SecretCanaryTest {

  static final String CANARY = "canary-7d1f0c3e-s3cr3t";
  static final String CANARY_BASE64 = Base64.getEncoder().encodeToString(CANARY.getBytes(StandardCharsets.UTF_8));

  /** Each path's failure as the assertion threw it, before JUnit saw it; keyed by class and path. */
  static final Map<String, Throwable> THROWN = new ConcurrentHashMap<>();

  /** How a failure shows in reports: each form of the canary a person could read back. */
  static List<String> canaryForms() {
    byte[] bytes = CANARY.getBytes(StandardCharsets.UTF_8);
    String asList = Arrays.toString(bytes); // [99, 97, ...] as AssertJ prints a byte[]
    return List.of(CANARY, CANARY_BASE64, CANARY_BASE64.replace("=", ""), asList.substring(1, asList.length() - 1));
  }

  @Test
  void noPathShowsTheCanary() {
    THROWN.clear();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = System.out;
    PrintStream err = System.err;
    Events tests;
    try (PrintStream tee = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      System.setOut(new PrintStream(new Tee(out, tee), true));
      System.setErr(new PrintStream(new Tee(err, tee), true));
      tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(Plain.class), selectClass(EncryptedAtRest.class))
          .execute().testEvents();
    } finally {
      System.setOut(out);
      System.setErr(err);
    }

    // Only names here: these failures hold the canary, and this test's own report must not.
    List<String> expected = Stream.of("Plain", "EncryptedAtRest").flatMap(c -> Paths.ALL.keySet().stream().map(p -> c + " " + p)).toList();
    assertThat(tests.succeeded().count()).as("paths that did not fail").isZero();
    assertThat(tests.failed().count()).as("failed paths").isEqualTo(expected.size());
    assertThat(List.copyOf(THROWN.keySet())).as("paths that failed with an assertion of their own").containsExactlyInAnyOrderElementsOf(expected);

    List<String> leaks = new ArrayList<>();
    for (Event failed : tests.failed().list()) {
      Throwable reported = failed.getPayload(TestExecutionResult.class).orElseThrow()
          .getThrowable().orElseThrow();
      // a failed assertion stays one; an exception that showed the value is replaced by one that does not
      assertThat(reported instanceof AssertionError || reported instanceof SecretRedaction.RedactedException)
          .as(failed.getTestDescriptor().getDisplayName() + " is reported as " + reported.getClass().getName()).isTrue();
      leaks.addAll(leaks(failed.getTestDescriptor().getDisplayName() + " (as reported)", reported));
    }
    THROWN.forEach((path, thrown) -> {
      if (Paths.ALL.get(path.substring(path.indexOf(' ') + 1)).throughAssertions()) {
        leaks.addAll(leaks(path + " (as the assertion threw it)", thrown));
      }
    });
    String output = printed.toString(StandardCharsets.UTF_8);
    canaryForms().stream().filter(output::contains).forEach(form -> leaks.add("the console output shows the canary"));
    assertThat(leaks).as("places where the canary shows").isEmpty();
    assertThat(THROWN.values().stream().filter(thrown -> String.valueOf(thrown.getMessage()).contains(SecretRedaction.REDACTED)))
        .as("failures that say what failed, with the value replaced").isNotEmpty();
  }

  /** A failure in a class's own lifecycle methods reaches JUnit without passing a test's handler; it is rewritten too. */
  @Test
  void noLifecycleMethodShowsTheCanary() {
    EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(FailsInBeforeAll.class), selectClass(FailsInBeforeEach.class),
            selectClass(FailsInAfterEach.class), selectClass(FailsInAfterAll.class))
        .execute();
    List<Throwable> reported = Stream.concat(results.containerEvents().failed().stream(), results.testEvents().failed().stream())
        .map(failed -> failed.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow()).toList();

    assertThat(reported).as("one failure per lifecycle method").hasSize(4).allMatch(AssertionError.class::isInstance);
    assertThat(reported.stream().flatMap(failure -> leaks("a lifecycle method's failure", failure).stream()))
        .as("places where the canary shows").isEmpty();
    assertThat(reported).as("failures that say what failed, with the value replaced")
        .allMatch(failure -> failure.getMessage().contains(SecretRedaction.REDACTED));
  }

  private static void storeTheCanary(KubernetesClient kube) {
    if (kube.secrets().withName("db").get() == null) {
      kube.secrets().resource(new SecretBuilder().withNewMetadata().withName("db").endMetadata()
          .addToStringData("username", "admin").addToStringData("password", CANARY).build()).create();
    }
  }

  private static List<String> leaks(String where, Throwable failure) {
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace)); // message, causes and suppressed, as surefire writes them
    String text = trace + "\n" + failure.getMessage();
    String marked = text;
    for (String form : canaryForms()) {
      marked = marked.replace(form, "<CANARY>"); // where it showed, without showing it in this test's own report
    }
    String shown = marked;
    return canaryForms().stream().filter(text::contains).map(form -> where + " shows the canary:\n" + shown).toList();
  }

  /** The paths, run once per control plane below; each must fail. */
  abstract static class Paths {

    record Path(boolean throughAssertions, Step step) {}

    @FunctionalInterface
    interface Step {
      void run(KubernetesClient kube, EtcdRegistry registry) throws Exception;
    }

    static final Map<String, Path> ALL = new LinkedHashMap<>();

    static {
      // whole objects
      ours("decodedAs Secret isNull", (kube, registry) -> secret().isNull());
      ours("decodedAs Secret isEqualTo another", (kube, registry) -> secret().isEqualTo(new Secret()));
      ours("decodedAs GenericKubernetesResource isNull", (kube, registry) ->
          assertThatRegistry().hasSecret("default", "db").decodedAs(GenericKubernetesResource.class).isNull());
      ours("decodedAs Map hasSize", (kube, registry) ->
          assertThatRegistry().hasSecret("default", "db").decodedAs(Map.class).asInstanceOf(InstanceOfAssertFactories.MAP).hasSize(99));
      // extracted values
      ours("extracting data isNull", (kube, registry) -> secret().extracting(Secret::getData).isNull());
      ours("extracting data isEqualTo", (kube, registry) -> secret().extracting(Secret::getData).isEqualTo(Map.of("password", "wrong")));
      ours("extracting data as MAP containsEntry", (kube, registry) ->
          secret().extracting(Secret::getData, InstanceOfAssertFactories.MAP).containsEntry("password", "wrong"));
      ours("extracting data as MAP extractingByKey", (kube, registry) ->
          secret().extracting(Secret::getData, InstanceOfAssertFactories.MAP).extractingByKey("password").isEqualTo("wrong"));
      ours("extracting \"data.password\" isEqualTo", (kube, registry) -> secret().extracting("data.password").isEqualTo("wrong"));
      ours("extracting \"data.password\" asString startsWith", (kube, registry) ->
          secret().extracting("data.password").asString().startsWith("wrong"));
      ours("extracting decoded value isEqualTo", (kube, registry) ->
          secret().extracting(s -> decode(s.getData().get("password"))).isEqualTo("wrong"));
      ours("extracting decoded value isEqualTo the canary base64", (kube, registry) ->
          secret().extracting(s -> decode(s.getData().get("password"))).isEqualTo(CANARY_BASE64));
      ours("extracting decoded bytes isEqualTo", (kube, registry) ->
          secret().extracting(s -> Base64.getDecoder().decode(s.getData().get("password"))).isEqualTo(new byte[1]));
      ours("extracting several", (kube, registry) ->
          secret().extracting(s -> s.getMetadata().getName(), s -> s.getData().get("password")).containsExactly("db", "wrong"));
      ours("extracting stringData isEqualTo", (kube, registry) ->
          secret().extracting(s -> Map.of("password", decode(s.getData().get("password")))).isEqualTo(Map.of()));
      ours("returns", (kube, registry) -> secret().returns("wrong", s -> s.getData().get("password")));
      ours("hasFieldOrPropertyWithValue", (kube, registry) -> secret().hasFieldOrPropertyWithValue("data.password", "wrong"));
      ours("matches", (kube, registry) -> secret().extracting(Secret::getData).matches(Map::isEmpty));
      ours("usingRecursiveComparison", (kube, registry) ->
          secret().usingRecursiveComparison().isEqualTo(new SecretBuilder().addToData("password", "d3Jvbmc=").build()));
      // the caller's own assertions
      ours("satisfies with an inner assertThat on the value", (kube, registry) ->
          secret().satisfies(s -> assertThat(s.getData().get("password")).isEqualTo("wrong")));
      ours("satisfies with an inner assertThat on the data map", (kube, registry) ->
          secret().satisfies(s -> assertThat(s.getData()).containsKey("token")));
      ours("satisfies with an inner assertThat on the decoded value", (kube, registry) ->
          secret().satisfies(s -> assertThat(decode(s.getData().get("password"))).isEmpty()));
      ours("satisfiesAnyOf", (kube, registry) -> secret().satisfiesAnyOf(
          s -> assertThat(s.getData().get("password")).isEqualTo("wrong"),
          s -> assertThat(s.getData()).isEmpty()));
      ours("isInstanceOfSatisfying", (kube, registry) ->
          secret().isInstanceOfSatisfying(Secret.class, s -> assertThat(s.getData()).isEmpty()));
      ours("extracting then satisfies", (kube, registry) ->
          secret().extracting(Secret::getData).satisfies(data -> assertThat(data).isEmpty()));
      ours("satisfies throwing an exception", (kube, registry) ->
          secret().satisfies(s -> {
            throw new IllegalStateException("unexpected " + s.getData());
          }));
      // the text views
      ours("asJson contains", (kube, registry) ->
          assertThatRegistry().hasSecret("default", "db").asJson().contains("\"password\" : \"" + CANARY_BASE64 + "\""));
      ours("asYaml isEqualTo", (kube, registry) -> assertThatRegistry().hasSecret("default", "db").asYaml().isEqualTo("password: " + CANARY));
      // the entry's own checks
      ours("hasStoredKind", (kube, registry) -> assertThatRegistry().hasSecret("default", "db").hasStoredKind("ConfigMap"));
      ours("isJson", (kube, registry) -> assertThatRegistry().hasSecret("default", "db").isJson());
      ours("isEncryptedWith", (kube, registry) -> assertThatRegistry().hasSecret("default", "db").isEncryptedWith("secretbox"));
      // soft assertions
      ours("soft assertions", (kube, registry) -> {
        RegistrySoftAssertions softly = new RegistrySoftAssertions();
        softly.assertThatRegistry(registry).hasSecret("default", "db").decodedAs(Secret.class).extracting("data.password").isEqualTo("wrong");
        softly.assertThatRegistry(registry).hasSecret("default", "db").decodedAs(Secret.class).extracting(Secret::getData).isNull();
        softly.assertThatRegistry(registry).hasSecret("default", "db").decodedAs(Secret.class)
            .satisfies(s -> assertThat(s.getData().get("password")).isEqualTo("wrong"));
        softly.assertThatRegistry(registry).hasSecret("default", "db").decodedAs(Secret.class)
            .extracting(Secret::getData, InstanceOfAssertFactories.MAP).containsEntry("password", "wrong");
        softly.assertThatRegistry(registry).hasSecret("default", "db").asJson().isEqualTo(CANARY);
        softly.assertAll();
      });
      // beyond the registry assertions: the values reach the failure through the caller's own code
      theirs("asInstanceOf MAP then satisfies with an inner assertThat", (kube, registry) ->
          secret().extracting(Secret::getData, InstanceOfAssertFactories.MAP).satisfies(data -> assertThat(data).isEmpty()));
      theirs("plain AssertJ on the Secret read through the API", (kube, registry) ->
          assertThat(kube.secrets().withName("db").get().getData()).isEmpty());
      theirs("plain AssertJ on the decoded value", (kube, registry) ->
          assertThat(decode(kube.secrets().withName("db").get().getData().get("password"))).isEqualTo("wrong"));
    }

    private static void ours(String name, Step step) {
      ALL.put(name, new Path(true, step));
    }

    private static void theirs(String name, Step step) {
      ALL.put(name, new Path(false, step));
    }

    static Stream<String> paths() {
      return ALL.keySet().stream();
    }

    @BeforeEach
    void storeTheCanary(KubernetesClient kube) {
      SecretCanaryTest.storeTheCanary(kube);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void fails(String path, KubernetesClient kube, EtcdRegistry registry) throws Throwable {
      Throwable thrown = catchThrowable(() -> ALL.get(path).step().run(kube, registry));
      if (thrown == null) {
        throw new IllegalStateException("the path '" + path + "' did not fail"); // not recorded: the outer test names it
      }
      THROWN.put(getClass().getSimpleName() + " " + path, thrown);
      throw thrown;
    }

    private static ObjectAssert<Secret> secret() {
      return assertThatRegistry().hasSecret("default", "db").decodedAs(Secret.class);
    }

    private static String decode(String base64) {
      return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
  }

  @WithEtcdRegistry(kubeApiServer = true, backend = Backend.PROCESS)
  static class Plain extends Paths {}

  @WithEtcdRegistry(kubeApiServer = true, backend = Backend.PROCESS, encryption = "aescbc")
  static class EncryptedAtRest extends Paths {}

  /** The caller's own assertion on the Secret's data, failing in one lifecycle method of each class below. */
  abstract static class FailsInALifecycleMethod {

    static void failOnTheCanary(KubernetesClient kube) {
      storeTheCanary(kube);
      assertThat(kube.secrets().withName("db").get().getData()).isEmpty();
    }

    @Test
    void runs() {
      // passes: the failure comes from the lifecycle method
    }
  }

  @WithEtcdRegistry(kubeApiServer = true, backend = Backend.PROCESS, lifecycle = WithEtcdRegistry.Lifecycle.SHARED)
  static class FailsInBeforeAll extends FailsInALifecycleMethod {
    @BeforeAll
    static void fail(KubernetesClient kube) {
      failOnTheCanary(kube);
    }
  }

  @WithEtcdRegistry(kubeApiServer = true, backend = Backend.PROCESS, lifecycle = WithEtcdRegistry.Lifecycle.SHARED)
  static class FailsInBeforeEach extends FailsInALifecycleMethod {
    @BeforeEach
    void fail(KubernetesClient kube) {
      failOnTheCanary(kube);
    }
  }

  @WithEtcdRegistry(kubeApiServer = true, backend = Backend.PROCESS, lifecycle = WithEtcdRegistry.Lifecycle.SHARED)
  static class FailsInAfterEach extends FailsInALifecycleMethod {
    @AfterEach
    void fail(KubernetesClient kube) {
      failOnTheCanary(kube);
    }
  }

  @WithEtcdRegistry(kubeApiServer = true, backend = Backend.PROCESS, lifecycle = WithEtcdRegistry.Lifecycle.SHARED)
  static class FailsInAfterAll extends FailsInALifecycleMethod {
    @AfterAll
    static void fail(KubernetesClient kube) {
      failOnTheCanary(kube);
    }
  }

  /** Writes to the console as before and into the captured output. */
  private static final class Tee extends OutputStream {
    private final OutputStream first;
    private final OutputStream second;

    Tee(OutputStream first, OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public void write(int b) throws IOException {
      first.write(b);
      second.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      first.write(b, off, len);
      second.write(b, off, len);
    }
  }
}
