package io.github.etcdregistry.workshop.lessons;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;
import static io.github.etcdregistry.workshop.Blanks.___;
import static io.github.etcdregistry.workshop.Blanks.___N;
import static io.github.etcdregistry.workshop.Blanks.todo;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.registry.RegistryEntry;
import io.github.etcdregistry.workshop.Expect;
import io.github.etcdregistry.workshop.LessonObjects;
import io.github.etcdregistry.workshop.Workshop;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lesson 8 — Revisions and history.
 *
 * <p>In namespace {@code lesson8} each test writes a ConfigMap of its own, write by write. etcd numbers every write
 * of the whole store (the revision) and keeps per key: create_revision, mod_revision and version.
 */
@Workshop
class Lesson8RevisionsTest {

  private static KubernetesClient kube;

  @BeforeAll
  static void create(KubernetesClient client) {
    kube = client;
    LessonObjects.revisions(kube);
  }

  @Test
  void etcdCountsTheWritesOfAKey(EtcdRegistry registry) {
    String key = writeThreeTimes("counter");
    RegistryEntry entry = registry.get(key).orElseThrow();
    // Created once, updated twice: what is the key's version?
    Expect.number("how many times " + key + " was written (its version)", entry.version(), ___N, key);
  }

  @Test
  void whichNumberIsTheResourceVersion(EtcdRegistry registry) {
    String key = writeThreeTimes("served");
    RegistryEntry entry = registry.get(key).orElseThrow();
    String resourceVersion = kube.configMaps().inNamespace("lesson8").withName("served").get().getMetadata().getResourceVersion();
    // metadata.resourceVersion is one of etcd's numbers for the key: create_revision, mod_revision or version?
    Expect.text("the etcd number kube-apiserver serves as resourceVersion", numberNamed(resourceVersion, entry), ___, key);
  }

  @Test
  void olderValuesStayReadableAtTheirRevision(EtcdRegistry registry, Client etcd) throws Exception {
    String key = writeThreeTimes("history");
    RegistryEntry entry = registry.get(key).orElseThrow();
    // At which revision does etcd still hold the first value? Use one of entry's numbers.
    long revision = ___N;
    Expect.number("the revision at which " + key + " holds its first value", entry.createRevision(), revision, key);
    List<KeyValue> old = etcd.getKVClient().get(ByteSequence.from(key, StandardCharsets.UTF_8),
        GetOption.builder().withRevision(revision).build()).get().getKvs();
    Expect.text("the count the ConfigMap held at revision " + revision, old.isEmpty() ? "(no value)" : countIn(registry, key, old.get(0)),
        ___, key);
  }

  @Test
  void aDeletedKeysHistory(EtcdRegistry registry, Client etcd) throws Exception {
    String key = writeThreeTimes("deleted");
    long lastWrite = registry.get(key).orElseThrow().modRevision();
    kube.configMaps().inNamespace("lesson8").withName("deleted").delete();
    todo("assert that etcd no longer has the key (assertThatRegistry)");
    // Can the value still be read at the revision of its last write? yes or no
    List<KeyValue> old = etcd.getKVClient().get(ByteSequence.from(key, StandardCharsets.UTF_8),
        GetOption.builder().withRevision(lastWrite).build()).get().getKvs();
    Expect.text("whether a deleted key can be read at the revision of its last write", old.isEmpty() ? "no" : "yes", ___,
        "etcd keeps every revision: a delete is one more write; kube-apiserver compacts what is older than 5 minutes");
  }

  /** Creates ConfigMap {@code name} with count 1, then sets count to 2 and to 3; returns its key. */
  private static String writeThreeTimes(String name) {
    kube.configMaps().inNamespace("lesson8").resource(new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata()
        .addToData("count", "1").build()).create();
    for (String count : List.of("2", "3")) {
      kube.configMaps().inNamespace("lesson8").withName(name).edit(map -> new ConfigMapBuilder(map).addToData("count", count).build());
    }
    return "/registry/configmaps/lesson8/" + name;
  }

  private static String countIn(EtcdRegistry registry, String key, KeyValue old) {
    return registry.codec().decode(key, old.getValue().getBytes(), old.getModRevision()).as(ConfigMap.class).getData().get("count");
  }

  private static String numberNamed(String value, RegistryEntry entry) {
    if (value.equals(String.valueOf(entry.modRevision()))) {
      return "mod_revision";
    }
    return value.equals(String.valueOf(entry.createRevision())) ? "create_revision" : "version";
  }
}
