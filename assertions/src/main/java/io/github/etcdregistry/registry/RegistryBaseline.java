package io.github.etcdregistry.registry;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Every key and value under a registry's prefix at one moment, kept to put etcd back to it later ({@link #restore}):
 * keys created since are deleted, changed values written back, in as few transactions as etcd takes. Kept by value,
 * not as a revision to read back, since kube-apiserver compacts etcd's history every five minutes. It holds Secrets as
 * stored: whoever writes it to a file keeps that file to its owner.
 *
 * <p>Internal: public for the extension's reuse across runs; not part of the API.
 */
public final class RegistryBaseline {

  private static final String FORMAT = "etcd-registry baseline 2";
  /** Far below etcd's default request limit of 1.5 MiB, so a transaction of puts is never refused as too large. */
  private static final int TXN_BYTES = 1024 * 1024;
  /** A transaction's operations; etcd takes 128 unless started with a larger {@code --max-txn-ops}. */
  private final int txnOps;
  private final long revision;
  private final Map<String, Stored> entries;

  private record Stored(byte[] value, long modRevision, boolean leased) {}

  /** A key as a keys-only read sees it. */
  private record Seen(long modRevision) {}

  private RegistryBaseline(long revision, Map<String, Stored> entries, int txnOps) {
    this.revision = revision;
    this.entries = entries;
    this.txnOps = txnOps;
  }

  /** What is stored under the registry's prefix now. */
  public static RegistryBaseline record(EtcdRegistry registry) {
    long revision = registry.currentRevision();
    return new RegistryBaseline(revision, scan(registry), 128);
  }

  /** The same baseline, restored in transactions of at most {@code operations} (etcd's {@code --max-txn-ops}). */
  public RegistryBaseline withTransactionsOf(int operations) {
    if (operations < 1) {
      throw new IllegalArgumentException("A transaction holds at least one operation, was " + operations);
    }
    return new RegistryBaseline(revision, entries, operations);
  }

  /** The store revision when it was recorded. */
  public long revision() {
    return revision;
  }

  /** How many keys it holds. */
  public int size() {
    return entries.size();
  }

  /** Whether it holds {@code key}. */
  public boolean contains(String key) {
    return entries.containsKey(key);
  }

  public void writeTo(OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    data.writeUTF(FORMAT);
    data.writeLong(revision);
    data.writeInt(entries.size());
    for (Map.Entry<String, Stored> entry : entries.entrySet()) {
      byte[] key = entry.getKey().getBytes(StandardCharsets.UTF_8);
      data.writeInt(key.length);
      data.write(key);
      data.writeLong(entry.getValue().modRevision());
      data.writeBoolean(entry.getValue().leased());
      data.writeInt(entry.getValue().value().length);
      data.write(entry.getValue().value());
    }
    data.flush();
  }

  public static RegistryBaseline readFrom(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    String format = data.readUTF();
    if (!FORMAT.equals(format)) {
      throw new IOException("Not a registry baseline of this library: it starts with '" + format + "'");
    }
    long revision = data.readLong();
    int count = data.readInt();
    Map<String, Stored> entries = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      String key = new String(data.readNBytes(data.readInt()), StandardCharsets.UTF_8);
      long modRevision = data.readLong();
      boolean leased = data.readBoolean();
      byte[] value = data.readNBytes(data.readInt());
      entries.put(key, new Stored(value, modRevision, leased));
    }
    return new RegistryBaseline(revision, Collections.unmodifiableMap(entries), 128);
  }

  /**
   * Puts the registry back to this baseline: deletes the keys created since and writes back the values changed since
   * (or deleted), but none of the keys {@code leftAlone} accepts, and no key stored with an etcd lease (Events, which
   * expire by themselves: written back without their lease they would never expire). {@code marker}, a key of the
   * baseline, is written too, changed or not: whoever watches it sees the reset's revision at once.
   */
  public Restored restore(EtcdRegistry registry, Predicate<String> leftAlone, String marker) {
    long begin = System.nanoTime();
    Map<String, Seen> now = keys(registry);
    Map<String, byte[]> changed = values(registry, now.entrySet().stream()
        .filter(seen -> entries.containsKey(seen.getKey()) && entries.get(seen.getKey()).modRevision() != seen.getValue().modRevision())
        .map(Map.Entry::getKey).filter(key -> !entries.get(key).leased() && !leftAlone.test(key)).toList());
    long scanned = System.nanoTime();
    List<Op> operations = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    Set<String> written = new HashSet<>();
    for (String key : now.keySet()) {
      if (!entries.containsKey(key) && !leftAlone.test(key)) {
        operations.add(Op.delete(bytes(key), DeleteOption.DEFAULT));
        sizes.add(key.length());
        deleted.add(key);
      }
    }
    for (Map.Entry<String, Stored> recorded : entries.entrySet()) {
      String key = recorded.getKey();
      Seen current = now.get(key);
      if (recorded.getValue().leased() || leftAlone.test(key) || current != null
          && (current.modRevision() == recorded.getValue().modRevision() || Arrays.equals(changed.get(key), recorded.getValue().value()))) {
        continue; // unchanged: not written since, or written back with the same value
      }
      operations.add(Op.put(bytes(key), ByteSequence.from(recorded.getValue().value()), PutOption.DEFAULT));
      sizes.add(key.length() + recorded.getValue().value().length);
      written.add(key);
    }
    if (operations.isEmpty()) {
      return new Restored(List.of(), 0, 0, 0, (scanned - begin) / 1_000_000);
    }
    Stored marked = entries.get(marker);
    if (marked != null && now.containsKey(marker) && !written.contains(marker)) {
      operations.add(Op.put(bytes(marker), ByteSequence.from(marked.value()), PutOption.DEFAULT));
      sizes.add(marker.length() + marked.value().length);
    }
    int transactions = 0;
    long revision = 0;
    int from = 0;
    while (from < operations.size()) {
      int to = from;
      long bytes = 0;
      while (to < operations.size() && to - from < txnOps && (to == from || bytes + sizes.get(to) <= TXN_BYTES)) {
        bytes += sizes.get(to);
        to++;
      }
      TxnResponse answer = registry.answers().await(registry.client().getKVClient().txn()
          .Then(operations.subList(from, to).toArray(Op[]::new)).commit(), "transaction putting back the registry's baseline");
      revision = answer.getHeader().getRevision();
      transactions++;
      from = to;
    }
    return new Restored(List.copyOf(deleted), written.size(), transactions, revision, (scanned - begin) / 1_000_000);
  }

  /**
   * What a {@link #restore} did.
   *
   * @param deleted the keys deleted
   * @param putBack how many values were written back
   * @param revision the store revision after its last transaction; 0 when nothing had changed
   * @param scanMillis how long reading what etcd holds now took
   */
  public record Restored(List<String> deleted, int putBack, int transactions, long revision, long scanMillis) {}

  private static Map<String, Stored> scan(EtcdRegistry registry) {
    Map<String, Stored> entries = new TreeMap<>();
    registry.pages().scan(registry.prefix() + "/", false, (KeyValue kv) -> {
      entries.put(kv.getKey().toString(StandardCharsets.UTF_8), new Stored(kv.getValue().getBytes(), kv.getModRevision(), kv.getLease() != 0));
      return null;
    }, false);
    return entries;
  }

  /** Every key under the prefix with its last write's revision, without the values: a fraction of the bytes. */
  private static Map<String, Seen> keys(EtcdRegistry registry) {
    Map<String, Seen> keys = new TreeMap<>();
    registry.pages().scan(registry.prefix() + "/", true, (KeyValue kv) -> {
      keys.put(kv.getKey().toString(StandardCharsets.UTF_8), new Seen(kv.getModRevision()));
      return null;
    }, false);
    return keys;
  }

  /** The values of {@code keys}, read in one transaction (or a few); a key deleted meanwhile is left out. */
  private Map<String, byte[]> values(EtcdRegistry registry, List<String> keys) {
    Map<String, byte[]> values = new HashMap<>();
    for (int from = 0; from < keys.size(); from += txnOps) {
      List<String> batch = keys.subList(from, Math.min(keys.size(), from + txnOps));
      TxnResponse answer = registry.answers().await(registry.client().getKVClient().txn()
          .Then(batch.stream().map(key -> Op.get(bytes(key), GetOption.DEFAULT)).toArray(Op[]::new)).commit(),
          "read of the values changed since the registry's baseline");
      for (GetResponse got : answer.getGetResponses()) {
        for (KeyValue kv : got.getKvs()) {
          values.put(kv.getKey().toString(StandardCharsets.UTF_8), kv.getValue().getBytes());
        }
      }
    }
    return values;
  }

  private static ByteSequence bytes(String key) {
    return ByteSequence.from(key, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return entries.size() + " keys at revision " + revision;
  }
}
