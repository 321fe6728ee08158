package io.github.etcdregistry.controlplane;

/**
 * One run of a test class in its own JVM, for {@link ReuseAcrossRunsTest}: starts a control plane with kube-apiserver
 * (reuse comes from the system properties it is given), prints how long {@code start()} took and what it attached
 * to, and exits without stopping anything a reused control plane keeps.
 */
public final class ReusedRun {

  private ReusedRun() {}

  public static void main(String[] args) {
    long begin = System.nanoTime();
    try (ControlPlane controlPlane = new ControlPlane().withBackend(Backend.PROCESS).withKubeApiServer(true)) {
      controlPlane.start();
      long startMillis = (System.nanoTime() - begin) / 1_000_000;
      System.out.println("start-millis=" + startMillis);
      System.out.println("etcd=" + controlPlane.etcdEndpoint());
      System.out.println("kube-apiserver=" + controlPlane.kubeApiServerUrl());
      System.out.println("kube-system-uid=" + controlPlane.kubernetesClient().namespaces().withName("kube-system").get()
          .getMetadata().getUid());
    }
  }
}
