package io.github.etcdregistry.controlplane;



/**
 * A JVM that starts a control plane and never closes it, to be killed by {@link CleanupOnExitTest}.
 * Arguments: the backend, then {@code kube-apiserver} to start one too, or {@code nodes} for kube-apiserver with every
 * component that works through it (kube-controller-manager, kube-scheduler, kwok) and a simulated node.
 */
public final class AbandonedControlPlane {

  private AbandonedControlPlane() {}

  public static void main(String[] args) throws Exception {
    boolean nodes = args.length > 1 && args[1].equals("nodes");
    boolean kubeApiServer = nodes || args.length > 1 && args[1].equals("kube-apiserver");
    ControlPlane controlPlane = new ControlPlane().withBackend(Backend.valueOf(args[0])).withKubeApiServer(kubeApiServer)
        .withNodes(nodes ? 1 : 0);
    controlPlane.start();
    System.out.println("id=" + controlPlane.id());
    System.out.println("pki=" + controlPlane.pki().directory());
    System.out.println("etcd=" + controlPlane.etcdEndpoint());
    if (kubeApiServer) {
      System.out.println("work=" + controlPlane.kubeconfig().getParent());
      System.out.println("kube-apiserver=" + controlPlane.kubeApiServerUrl());
    }
    System.out.println("ready");
    System.out.flush();
    Thread.sleep(120_000);
  }
}
