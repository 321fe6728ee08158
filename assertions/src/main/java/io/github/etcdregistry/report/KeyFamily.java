package io.github.etcdregistry.report;

import java.util.List;

/**
 * The keys of one family of the registry — one resource, or one kind of bookkeeping — with what the family
 * holds in plain words.
 *
 * @param name        the key path after the prefix that the family shares: {@code pods}, {@code services/specs},
 *                    {@code ranges/serviceips}, {@code stable.example.com/crontabs}
 * @param explanation one line saying what the family holds, and what changed since the seed article's Kubernetes 1.10
 * @param keys        the family's keys, sorted
 */
public record KeyFamily(String name, String explanation, List<KeyNode> keys) {

  public KeyFamily {
    keys = List.copyOf(keys);
  }
}
