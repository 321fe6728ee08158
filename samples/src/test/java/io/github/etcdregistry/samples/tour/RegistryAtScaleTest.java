package io.github.etcdregistry.samples.tour;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.PutOption;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.registry.RegistryEntry;
import io.github.etcdregistry.report.HtmlReport;
import io.github.etcdregistry.report.KeyNode;
import io.github.etcdregistry.report.RegistryTree;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a registry at the sizes real clusters reach: 10,000 values of 10 KiB, and values near etcd's 1.5 MiB
 * request limit. {@code keys}, {@code entries}, the HTML report and the tour's printing all finish, also through a
 * client that keeps gRPC's default 4 MiB inbound limit. Values are written straight into etcd (no kube-apiserver):
 * ConfigMaps as JSON, which the codec reads like any stored object. Times and heap are printed, not asserted (the
 * benchmark's {@code scale} row tracks them).
 */
@WithEtcdRegistry(backend = Backend.PROCESS, lifecycle = WithEtcdRegistry.Lifecycle.PER_METHOD)
class RegistryAtScaleTest {

  /** gRPC's default maximum inbound message size, which a user's own jetcd client keeps unless told otherwise. */
  private static final int GRPC_DEFAULT_INBOUND = 4 * 1024 * 1024;
  /** etcd's default {@code --max-request-bytes}: a put of key and value must stay below it. */
  private static final int ETCD_MAX_REQUEST = 1536 * 1024;

  @TempDir
  Path directory;

  @Test
  void tenThousandValuesOfTenKib(ControlPlane controlPlane, EtcdRegistry registry, Client etcd) throws Exception {
    int values = 10_000;
    Stopwatch time = new Stopwatch();
    long written = write(etcd, "scale", values, 10 * 1024, 100);
    time.lap("put " + values + " values (" + mib(written) + ")");

    readEverything(controlPlane, registry, "scale", values, time);
  }

  @Test
  void valuesNearEtcdsRequestLimit(ControlPlane controlPlane, EtcdRegistry registry, Client etcd) throws Exception {
    int values = 12; // 18 MiB: more than the default 4 MiB limit several times over, and more than a first page holds
    Stopwatch time = new Stopwatch();
    long written = write(etcd, "huge", values, ETCD_MAX_REQUEST - 1024, 1);
    time.lap("put " + values + " values (" + mib(written) + ")");

    readEverything(controlPlane, registry, "huge", values, time);
  }

  private void readEverything(ControlPlane controlPlane, EtcdRegistry registry, String namespace, int values, Stopwatch time)
      throws Exception {
    String prefix = "/registry/configmaps/" + namespace + "/";
    String last = prefix + name(values - 1);
    Heap heap = Heap.resetPeak();
    time.restart(); // not the collection resetPeak asked for

    assertThat(registry.keys(prefix)).hasSize(values).endsWith(last);
    time.lap("keys");

    List<RegistryEntry> entries = registry.entries(prefix);
    assertThat(entries).hasSize(values);
    assertThat(entries.get(values - 1).key()).isEqualTo(last);
    assertThat(entries.get(values - 1).decode().kind()).isEqualTo("ConfigMap");
    time.lap("entries");
    entries = null; // let the next step show its own heap

    try (EtcdRegistry defaultClient = EtcdRegistry.builder()
        .endpoints(controlPlane.etcdEndpoint().toString())
        .trustedCa(controlPlane.pki().etcdCaCert())
        .clientCertificate(controlPlane.pki().apiserverEtcdClientCert(), controlPlane.pki().apiserverEtcdClientKey())
        .maxInboundMessageSize(GRPC_DEFAULT_INBOUND)
        .build()) {
      assertThat(defaultClient.entries(prefix)).hasSize(values);
      assertThat(defaultClient.get(last)).isPresent();
    }
    time.lap("entries through a 4 MiB client");

    RegistryTree tree = RegistryTree.of(registry);
    Path html = HtmlReport.of(tree).writeTo(directory.resolve("report.html"));
    assertThat(tree.node(last)).isPresent();
    assertThat(Files.size(html)).isGreaterThan((long) values * 1024);
    time.lap("HTML report (" + mib(Files.size(html)) + ")");

    try (PrintWriter nowhere = new PrintWriter(Writer.nullWriter())) {
      TreePrinter printer = new TreePrinter(nowhere);
      printer.printTree(tree);
      KeyNode node = tree.node(last).orElseThrow();
      printer.printValue(node, false);
      assertThat(node.value().text(false)).contains("kind: ConfigMap", "name: " + name(values - 1));
    }
    time.lap("tour tree and a value");

    System.out.println("scale: " + values + " values under " + prefix + ": " + time + "; peak heap (sum of the pools' peaks) " + heap.peakMib()
        + " (max " + mib(Runtime.getRuntime().maxMemory()) + ")");
  }

  /** Writes {@code count} ConfigMaps of about {@code bytes} each, {@code perTxn} puts per transaction. */
  private static long write(Client etcd, String namespace, int count, int bytes, int perTxn) throws Exception {
    long written = 0;
    List<Op> puts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = name(i);
      ByteSequence key = ByteSequence.from("/registry/configmaps/" + namespace + "/" + name, StandardCharsets.UTF_8);
      byte[] value = configMap(namespace, name, bytes - key.size() - 64);
      written += value.length;
      puts.add(Op.put(key, ByteSequence.from(value), PutOption.DEFAULT));
      if (puts.size() == perTxn || i == count - 1) {
        etcd.getKVClient().txn().Then(puts.toArray(Op[]::new)).commit().get(60, TimeUnit.SECONDS);
        puts.clear();
      }
    }
    return written;
  }

  /** A ConfigMap as kube-apiserver stores it with {@code --storage-media-type=application/json}. */
  private static byte[] configMap(String namespace, String name, int size) {
    String head = "{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\""
        + namespace + "\"},\"data\":{\"blob\":\"";
    StringBuilder json = new StringBuilder(size + 16).append(head);
    for (int i = 0; json.length() < size - 4; i++) {
      json.append((char) ('a' + i % 26));
    }
    return json.append("\"}}\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String name(int i) {
    return String.format(Locale.ROOT, "cm-%05d", i);
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }

  /** Milliseconds per step, in order. */
  private static final class Stopwatch {
    private final StringBuilder laps = new StringBuilder();
    private long start = System.nanoTime();

    void lap(String step) {
      long now = System.nanoTime();
      laps.append(laps.isEmpty() ? "" : ", ").append(step).append(' ').append((now - start) / 1_000_000).append(" ms");
      start = now;
    }

    void restart() {
      start = System.nanoTime();
    }

    @Override
    public String toString() {
      return laps.toString();
    }
  }

  /** The peak of the heap's pools since {@link #resetPeak()}. */
  private record Heap(List<MemoryPoolMXBean> pools) {
    static Heap resetPeak() {
      System.gc();
      List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
      heap.forEach(MemoryPoolMXBean::resetPeakUsage);
      return new Heap(heap);
    }

    String peakMib() {
      return mib(pools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum());
    }
  }
}
