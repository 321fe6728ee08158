package io.github.etcdregistry.existing;

import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.ControlPlane;
import java.io.IOException;

/**
 * A control plane run by a process of its own, as {@code scripts/tour --keep-running} runs one: prints the settings to
 * attach to it, one {@code name=value} a line, then {@code ready}, and stops when its standard input closes.
 */
public final class ControlPlaneInAnotherProcess {

  private ControlPlaneInAnotherProcess() {}

  public static void main(String[] args) throws IOException {
    try (ControlPlane controlPlane = new ControlPlane().withBackend(Backend.PROCESS).withKubeApiServer(true)) {
      controlPlane.start();
      controlPlane.existingClusterSettings().forEach((name, value) -> System.out.println(name + "=" + value));
      System.out.println("ready");
      System.out.flush();
      while (System.in.read() != -1) {
        // until the parent closes our input
      }
    }
    System.out.println("stopped");
  }
}
