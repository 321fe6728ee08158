package io.github.etcdregistry.benchmarks.child;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.PutOption;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.registry.RegistryEntry;
import io.github.etcdregistry.report.HtmlReport;
import io.github.etcdregistry.report.RegistryTree;
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

/**
 * Reading at scale: {@code values} ConfigMaps of {@code bytes} each (JSON, as with
 * {@code --storage-media-type=application/json}) written straight into etcd, then per run {@code keys(...)},
 * {@code entries(...)} with {@code decode()} of each, and the HTML report of the whole registry written to a file;
 * the peak of the heap's pools over all runs.
 */
final class Scale {

  private static final double MIB = 1024.0 * 1024.0;

  private Scale() {}

  static void run(int values, int bytes, int runs) throws Exception {
    try (ControlPlane controlPlane = new ControlPlane().withBackend(Backend.PROCESS)) {
      Out.track(controlPlane);
      controlPlane.start();
      long written = write(controlPlane, values, bytes);
      Out.info("values", values);
      Out.info("bytes.total", String.format(Locale.ROOT, "%,d", written));

      EtcdRegistry registry = controlPlane.registry();
      String prefix = "/registry/configmaps/scale/";
      List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
      System.gc();
      heap.forEach(MemoryPoolMXBean::resetPeakUsage);
      Path report = Files.createTempFile("etcd-registry-scale", ".html");
      try {
        for (int r = 0; r < runs; r++) {
          long start = System.nanoTime();
          int keys = registry.keys(prefix).size();
          Out.result("keys", Out.millisSince(start));

          start = System.nanoTime();
          List<RegistryEntry> entries = registry.entries(prefix);
          long kinds = 0;
          for (RegistryEntry entry : entries) {
            kinds += entry.decode().kind().length();
          }
          Out.result("entries", Out.millisSince(start));
          if (keys != values || entries.size() != values || kinds != 9L * values) {
            throw new IllegalStateException("read " + keys + " keys and " + entries.size() + " entries, expected " + values);
          }
          entries = null;

          start = System.nanoTime();
          HtmlReport.of(RegistryTree.of(registry)).writeTo(report);
          Out.result("report", Out.millisSince(start));
          Out.info("report.bytes", String.format(Locale.ROOT, "%,d", Files.size(report)));
        }
        Out.result("peak-heap", heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() / MIB);
      } finally {
        Files.deleteIfExists(report);
      }
      Out.closed(controlPlane);
    }
  }

  /** 100 puts per transaction (1 MiB at 10 KiB, below etcd's 1.5 MiB request limit), or one per transaction for larger values. */
  private static long write(ControlPlane controlPlane, int values, int bytes) throws Exception {
    int perTxn = Math.max(1, Math.min(100, (1024 * 1024) / bytes));
    long written = 0;
    List<Op> puts = new ArrayList<>();
    for (int i = 0; i < values; i++) {
      String name = String.format(Locale.ROOT, "cm-%05d", i);
      ByteSequence key = ByteSequence.from("/registry/configmaps/scale/" + name, StandardCharsets.UTF_8);
      byte[] value = configMap(name, bytes);
      written += value.length;
      puts.add(Op.put(key, ByteSequence.from(value), PutOption.DEFAULT));
      if (puts.size() == perTxn || i == values - 1) {
        controlPlane.etcdClient().getKVClient().txn().Then(puts.toArray(Op[]::new)).commit().get(60, TimeUnit.SECONDS);
        puts.clear();
      }
    }
    return written;
  }

  private static byte[] configMap(String name, int size) {
    StringBuilder json = new StringBuilder(size + 16)
        .append("{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"").append(name)
        .append("\",\"namespace\":\"scale\"},\"data\":{\"blob\":\"");
    for (int i = 0; json.length() < size - 4; i++) {
      json.append((char) ('a' + i % 26));
    }
    return json.append("\"}}\n").toString().getBytes(StandardCharsets.UTF_8);
  }
}
