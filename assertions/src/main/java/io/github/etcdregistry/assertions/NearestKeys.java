package io.github.etcdregistry.assertions;

import io.github.etcdregistry.registry.EtcdRegistry;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * For a missing key, the keys that are there: under the same directory, or the nearest one above it, most similar
 * first. The failures of {@code hasKey} and its shortcuts show them; {@link #among} gives the same hint for keys a
 * program has already read, such as a tour's.
 */
public final class NearestKeys {

  static final int LIMIT = 8;

  private final String searchedUnder;
  private final List<String> keys;

  private NearestKeys(String searchedUnder, List<String> keys) {
    this.searchedUnder = searchedUnder;
    this.keys = keys;
  }

  static NearestKeys of(EtcdRegistry registry, String missingKey) {
    return search(registry::keys, registry.prefix(), missingKey);
  }

  /**
   * The keys of {@code present} nearest to {@code missingKey}, searched the way a failed {@code hasKey} searches etcd.
   *
   * @param etcdPrefix the registry's prefix, {@code /registry} by default: the search goes no higher unless it is empty
   */
  public static NearestKeys among(Collection<String> present, String etcdPrefix, String missingKey) {
    List<String> sorted = present.stream().sorted().toList();
    return search(directory -> sorted.stream().filter(key -> key.startsWith(directory)).toList(), etcdPrefix, missingKey);
  }

  private static NearestKeys search(Function<String, List<String>> keysUnder, String etcdPrefix, String missingKey) {
    String directory = missingKey;
    while (true) {
      int slash = directory.lastIndexOf('/', directory.endsWith("/") ? directory.length() - 2 : directory.length() - 1);
      if (slash <= 0) {
        return new NearestKeys("/", rank(keysUnder.apply("/"), missingKey));
      }
      directory = directory.substring(0, slash + 1);
      List<String> present = keysUnder.apply(directory);
      if (!present.isEmpty() || directory.equals(etcdPrefix + "/")) {
        return new NearestKeys(directory, rank(present, missingKey));
      }
    }
  }

  /** The directory whose keys are shown: the missing key's own, or the nearest one above it that holds any. */
  public String searchedUnder() {
    return searchedUnder;
  }

  /** At most eight keys, the most similar to the missing key first. */
  public List<String> keys() {
    return keys;
  }

  /** Most similar first: a typo in a name or namespace puts the intended key at the top. */
  private static List<String> rank(List<String> present, String missingKey) {
    return present.stream()
        .sorted(Comparator.comparingInt((String key) -> distance(key, missingKey)).thenComparing(Comparator.naturalOrder()))
        .limit(LIMIT)
        .toList();
  }

  /** Levenshtein distance, two rows. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
