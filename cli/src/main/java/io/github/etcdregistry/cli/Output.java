package io.github.etcdregistry.cli;

import picocli.CommandLine.Option;

/** How results are printed. */
final class Output {

  enum Format { table, json, yaml }

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "table, json or yaml (default: ${DEFAULT-VALUE})")
  Format format;

  /** Structured data as JSON or YAML; {@code null} for a table, which each command prints its own way. */
  String structured(Object data) {
    return switch (format) {
      case json -> Structured.json(data);
      case yaml -> Structured.yaml(data);
      case table -> null;
    };
  }
}
