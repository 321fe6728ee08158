package io.github.etcdregistry.report;

import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.registry.KeyLayout;
import io.github.etcdregistry.registry.RegistryEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A snapshot of the registry grouped by key family: {@code pods}, {@code minions}, {@code services/specs},
 * {@code ranges/serviceips}, {@code stable.example.com/crontabs}, ... Read once, at one etcd revision; values
 * are decoded only when a {@link KeyNode#value()} is read.
 */
public final class RegistryTree {

  /** kube-apiserver's compactor keeps this key at the top level, outside the prefix. */
  private static final String COMPACT_REV_KEY = "compact_rev_key";

  private final String prefix;
  private final List<KeyFamily> families;

  private RegistryTree(String prefix, List<KeyFamily> families) {
    this.prefix = prefix;
    this.families = families; // sorted by name: grouped in a TreeMap
  }

  /** Reads every key under the registry's prefix, and {@code compact_rev_key} when present. */
  public static RegistryTree of(EtcdRegistry registry) {
    KeyLayout layout = KeyLayout.withPrefix(registry.prefix());
    List<RegistryEntry> entries = new ArrayList<>(registry.entries(registry.prefix() + "/"));
    registry.get(COMPACT_REV_KEY).ifPresent(entries::add);
    return grouping(layout, entries.stream().map(entry -> KeyNode.of(entry, layout)).toList());
  }

  /** Sorts {@code nodes} into families, keeping their order within each. */
  static RegistryTree grouping(KeyLayout layout, List<KeyNode> nodes) {
    Map<String, List<KeyNode>> byFamily = new TreeMap<>();
    for (KeyNode node : nodes) {
      byFamily.computeIfAbsent(FamilyNames.familyOf(node.key(), layout), name -> new ArrayList<>()).add(node);
    }
    List<KeyFamily> families = byFamily.entrySet().stream()
        .map(family -> new KeyFamily(family.getKey(), FamilyExplanations.explain(family.getKey(), layout), family.getValue()))
        .toList();
    return new RegistryTree(layout.prefix(), families);
  }

  /** The etcd key prefix the tree was read under, {@code /registry} by default. */
  public String prefix() {
    return prefix;
  }

  /** The families, sorted by name. */
  public List<KeyFamily> families() {
    return families;
  }

  /** The family named {@code name}, e.g. {@code services/specs}. */
  public Optional<KeyFamily> family(String name) {
    return families.stream().filter(family -> family.name().equals(name)).findFirst();
  }

  /** The node of one key, e.g. {@code /registry/pods/default/nginx}. */
  public Optional<KeyNode> node(String key) {
    return families.stream().flatMap(family -> family.keys().stream()).filter(node -> node.key().equals(key)).findFirst();
  }

  /** How many keys the tree holds. */
  public int size() {
    return families.stream().mapToInt(family -> family.keys().size()).sum();
  }

  @Override
  public String toString() {
    return "RegistryTree[" + prefix + ", " + families.size() + " families, " + size() + " keys]";
  }
}
