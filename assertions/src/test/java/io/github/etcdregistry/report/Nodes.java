package io.github.etcdregistry.report;

import io.github.etcdregistry.codec.StorageCodec;
import io.github.etcdregistry.codec.StoredValue;
import io.github.etcdregistry.registry.KeyLayout;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Key nodes and trees built from stored bytes, the way {@link RegistryTree#of} builds them from etcd. */
final class Nodes {

  private static final KeyLayout LAYOUT = KeyLayout.standard();
  private static final StorageCodec CODEC = StorageCodec.create();

  private Nodes() {
  }

  /** A key holding {@code json} as kube-apiserver stores custom resources (JSON, one trailing newline). */
  static KeyNode json(String key, String json) {
    return node(key, (json + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** A key holding {@code value}, created at revision 7 and written again at 9. */
  static KeyNode node(String key, byte[] value) {
    return KeyNode.of(key, StoredValue.inspect(value), 7, 9, 2, () -> CODEC.decode(key, value, 9), LAYOUT);
  }

  static RegistryTree tree(KeyNode... nodes) {
    return RegistryTree.grouping(LAYOUT, List.of(nodes));
  }

  static final String SECRET = """
      {"apiVersion":"v1","kind":"Secret","metadata":{"name":"db","namespace":"tour"},"type":"Opaque",\
      "data":{"password":"czNjcjN0LXZhbHVl"},"stringData":{"token":"plain-token"}}""";
}
