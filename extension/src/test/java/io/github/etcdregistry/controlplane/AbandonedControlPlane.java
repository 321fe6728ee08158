package io.github.etcdregistry.controlplane;

/** A JVM that starts a control plane and never closes it, to be killed by {@link CleanupOnExitTest}. */
public final class AbandonedControlPlane {

  private AbandonedControlPlane() {}

  public static void main(String[] args) throws Exception {
    ControlPlane controlPlane = new ControlPlane().withBackend(Backend.valueOf(args[0]));
    controlPlane.start();
    System.out.println("id=" + controlPlane.id());
    System.out.println("pki=" + controlPlane.pki().directory());
    System.out.println("etcd=" + controlPlane.etcdEndpoint());
    System.out.println("ready");
    System.out.flush();
    Thread.sleep(120_000);
  }
}
