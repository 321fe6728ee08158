package io.github.etcdregistry.benchmarks.child;

import io.fabric8.kubernetes.api.model.Pod;
import io.github.etcdregistry.codec.StorageCodec;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Decode throughput on one thread, over the stored Pods of the corpus in turn: {@code StorageCodec.decode} to a
 * {@code DecodedObject} (the Kubernetes JSON tree), the same followed by {@code .toJson()} (JSON text, what Kubernetes'
 * Go decoder is compared with) and by {@code .as(Pod.class)}. A warm-up lets the JIT settle; then rounds of about one
 * second each report Pods per second, and Pods per CPU-second of the decoding thread ({@code <series>.cpu}), which
 * other work on the machine disturbs much less.
 */
final class Decode {

  private static final long ROUND_NANOS = 1_000_000_000L;

  private Decode() {}

  static void run(Path corpus, int warmupSeconds, int rounds) throws Exception {
    List<PodCorpus.Entry> entries = PodCorpus.read(corpus);
    StorageCodec codec = StorageCodec.create();
    Out.info("pods", entries.size());
    Out.info("threads", 1);
    measure("json", entries, e -> codec.decode(e.key(), e.value(), e.modRevision()).kind().length(), warmupSeconds, rounds);
    measure("text", entries, e -> codec.decode(e.key(), e.value(), e.modRevision()).toJson().length(), warmupSeconds, rounds);
    measure("pod", entries, e -> codec.decode(e.key(), e.value(), e.modRevision()).as(Pod.class).getMetadata().getName().length(),
        warmupSeconds, rounds);
  }

  private static void measure(String series, List<PodCorpus.Entry> entries, ToLongFunction<PodCorpus.Entry> decode,
      int warmupSeconds, int rounds) {
    long sink = 0; // consumed below, so the JIT cannot drop the work
    long warmupEnd = System.nanoTime() + warmupSeconds * 1_000_000_000L;
    while (System.nanoTime() < warmupEnd) {
      for (PodCorpus.Entry entry : entries) {
        sink += decode.applyAsLong(entry);
      }
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int r = 0; r < rounds; r++) {
      long decoded = 0;
      long cpuStart = threads.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      long elapsed;
      do {
        for (PodCorpus.Entry entry : entries) {
          sink += decode.applyAsLong(entry);
        }
        decoded += entries.size();
        elapsed = System.nanoTime() - start;
      } while (elapsed < ROUND_NANOS);
      Out.result(series, decoded / (elapsed / 1e9));
      Out.result(series + ".cpu", decoded / ((threads.getCurrentThreadCpuTime() - cpuStart) / 1e9));
    }
    Out.info(series + ".sink", sink);
  }
}
