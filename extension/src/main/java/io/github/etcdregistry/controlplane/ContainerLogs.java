package io.github.etcdregistry.controlplane;

import java.util.Arrays;

/** The end of a container's log, for failure messages. */
final class ContainerLogs {

  private ContainerLogs() {}

  static String tail(String logs, int lines) {
    String[] all = logs.split("\\R");
    return String.join(System.lineSeparator(), Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
  }
}
