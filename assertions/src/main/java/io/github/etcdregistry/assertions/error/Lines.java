package io.github.etcdregistry.assertions.error;

import java.util.List;
import java.util.stream.Collectors;

/** Lists in messages: one item per line, indented. */
final class Lines {

  private Lines() {}

  static String indented(List<String> items) {
    return items.stream().map(item -> "  " + item).collect(Collectors.joining(System.lineSeparator()));
  }
}
