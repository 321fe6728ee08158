package io.github.etcdregistry.controlplane.internal.container;

import java.util.Arrays;

/** The end of a container's log, for failure messages. */
public final class ContainerLogs {

  private ContainerLogs() {}

  public static String tail(String logs, int lines) {
    String[] all = logs.split("\\R");
    return String.join(System.lineSeparator(), Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
  }
}
