package io.github.etcdregistry.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.DeleteOption;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scans that take several pages: every key once, in order, at the revision of the first page. */
@WithEtcdRegistry(backend = Backend.PROCESS)
class PagedScanTest {

  private static final String PREFIX = "/registry/configmaps/paged/";
  private static final List<String> KEYS = IntStream.range(0, 7).mapToObj(i -> PREFIX + "cm-" + i).toList();

  private Client etcd;
  private EtcdRegistry twoPerPage;

  @BeforeEach
  void storeKeysAndReadTwoAtATime(Client etcd, ControlPlane controlPlane) throws Exception {
    this.etcd = etcd;
    // the class shares one etcd: start every test from the same keys, whatever ran before
    etcd.getKVClient().delete(bytes(PREFIX), DeleteOption.builder().isPrefix(true).build()).get();
    for (String key : KEYS) {
      put(key, "value of " + key);
    }
    put("/registry/configmaps/paged0", "just past the prefix"); // '0' follows '/': the scan must stop before it
    twoPerPage = EtcdRegistry.builder()
        .endpoints(controlPlane.etcdEndpoint().toString())
        .trustedCa(controlPlane.pki().etcdCaCert())
        .clientCertificate(controlPlane.pki().apiserverEtcdClientCert(), controlPlane.pki().apiserverEtcdClientKey())
        .pageSize(2)
        .pageBytes(1) // the byte budget alone would read one entry a page
        .build();
  }

  @AfterEach
  void close() {
    twoPerPage.close();
  }

  @Test
  void keysComeFromEveryPageInOrder() {
    assertThat(twoPerPage.keys(PREFIX)).containsExactlyElementsOf(KEYS);
  }

  @Test
  void entriesComeFromEveryPageWithTheirValues() {
    assertThat(twoPerPage.entries(PREFIX)).extracting(RegistryEntry::key).containsExactlyElementsOf(KEYS);
    assertThat(twoPerPage.entries(PREFIX)).allSatisfy(entry ->
        assertThat(new String(entry.value(), StandardCharsets.UTF_8)).isEqualTo("value of " + entry.key()));
  }

  @Test
  void laterPagesReadTheRevisionOfTheFirst() {
    List<String> seen = new ArrayList<>();
    twoPerPage.forEachEntry(PREFIX, entry -> {
      if (seen.isEmpty()) { // written after the first page was read, before the others
        put(PREFIX + "cm-9", "new");
        put(KEYS.get(6), "changed");
      }
      seen.add(entry.key() + "=" + new String(entry.value(), StandardCharsets.UTF_8));
    });

    assertThat(seen).hasSize(KEYS.size()).last().isEqualTo(KEYS.get(6) + "=value of " + KEYS.get(6));
    assertThat(twoPerPage.keys(PREFIX)).hasSize(KEYS.size() + 1);
  }

  private void put(String key, String value) {
    try {
      etcd.getKVClient().put(bytes(key), bytes(value)).get();
    } catch (Exception e) {
      throw new IllegalStateException("Could not write " + key, e);
    }
  }

  private static ByteSequence bytes(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }
}
