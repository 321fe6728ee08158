package io.github.etcdregistry.benchmarks.child;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KV;
import io.fabric8.kubernetes.api.model.Pod;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.registry.RegistryEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Scan + decode: {@code keys} stored Pods in etcd (copies of the corpus's real values under new names), then
 * {@code EtcdRegistry.entries("/registry/pods/")} and {@code decode()} of every entry, timed together.
 */
final class Scan {

  private Scan() {}

  static void run(Path corpus, int keys, int runs) throws Exception {
    List<PodCorpus.Entry> templates = PodCorpus.read(corpus);
    try (ControlPlane controlPlane = new ControlPlane().withBackend(Backend.PROCESS)) {
      Out.track(controlPlane);
      controlPlane.start();
      long written = put(controlPlane, templates, keys);
      Out.info("keys", keys);
      Out.info("bytes.total", String.format(java.util.Locale.ROOT, "%,d", written));

      EtcdRegistry registry = controlPlane.registry();
      PodCorpus.Entry probe = PodCorpus.renamed(templates.get(0), "probe");
      String expected = registry.codec().decode(probe.key(), probe.value(), 1).as(Pod.class).getMetadata().getName();
      if (!expected.equals("probe")) {
        throw new IllegalStateException("a renamed Pod decodes with name " + expected);
      }
      for (int r = 0; r < runs; r++) {
        long start = System.nanoTime();
        List<RegistryEntry> entries = registry.entries("/registry/pods/");
        long read = System.nanoTime();
        long sink = 0;
        for (RegistryEntry entry : entries) {
          sink += entry.decode().kind().length();
        }
        double millis = Out.millisSince(start);
        Out.result("read", (read - start) / 1e6);
        Out.result("decode", Out.millisSince(read));
        if (entries.size() != keys || sink != 3L * keys) {
          throw new IllegalStateException("read " + entries.size() + " entries (" + sink / 3 + " Pods), expected " + keys);
        }
        Out.result("scan", millis);
      }
      Out.closed(controlPlane);
    }
  }

  /** Writes the copies with up to 128 puts in flight; returns the bytes written. */
  private static long put(ControlPlane controlPlane, List<PodCorpus.Entry> templates, int keys) throws Exception {
    KV kv = controlPlane.etcdClient().getKVClient();
    Semaphore inFlight = new Semaphore(128);
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    long bytes = 0;
    for (int i = 0; i < keys; i++) {
      PodCorpus.Entry template = templates.get(i % templates.size());
      String name = template.key().substring(template.key().lastIndexOf('/') + 1) + "-" + i;
      PodCorpus.Entry copy = PodCorpus.renamed(template, name);
      bytes += copy.value().length;
      inFlight.acquire();
      CompletableFuture<?> put = kv.put(ByteSequence.from(copy.key(), StandardCharsets.UTF_8), ByteSequence.from(copy.value()));
      put.whenComplete((response, failure) -> {
        if (failure != null) {
          failures.add(failure);
        }
        inFlight.release();
      });
    }
    if (!inFlight.tryAcquire(128, 60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("etcd did not acknowledge every put within 60 s");
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException(failures.size() + " puts failed, the first: " + failures.peek(), failures.peek());
    }
    return bytes;
  }
}
