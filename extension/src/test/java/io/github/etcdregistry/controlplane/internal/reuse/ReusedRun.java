package io.github.etcdregistry.controlplane.internal.reuse;

import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.ControlPlane;

/**
 * One run of a test class in its own JVM, for {@link ReuseAcrossRunsTest}: starts a control plane with kube-apiserver
 * (reuse comes from the system properties it is given), prints how long {@code start()} took and what it attached
 * to, and exits without stopping anything a reused control plane keeps. With an argument {@code N} it starts N
 * control planes one after the other and prints each start's time: the later ones show the cost without the JVM's
 * first loading of classes.
 */
public final class ReusedRun {

  private ReusedRun() {}

  public static void main(String[] args) {
    int runs = args.length == 0 ? 1 : Integer.parseInt(args[0]);
    for (int run = 1; run <= runs; run++) {
      long begin = System.nanoTime();
      try (ControlPlane controlPlane = new ControlPlane().withBackend(Backend.PROCESS).withKubeApiServer(true)) {
        controlPlane.start();
        long startMillis = (System.nanoTime() - begin) / 1_000_000;
        System.out.println((run == 1 ? "start-millis=" : "start-" + run + "-millis=") + startMillis);
        System.out.println("etcd=" + controlPlane.etcdEndpoint());
        System.out.println("kube-apiserver=" + controlPlane.kubeApiServerUrl());
        System.out.println("kube-system-uid=" + controlPlane.kubernetesClient().namespaces().withName("kube-system").get()
            .getMetadata().getUid());
      }
    }
  }
}
