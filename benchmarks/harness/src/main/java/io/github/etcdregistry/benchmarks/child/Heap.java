package io.github.etcdregistry.benchmarks.child;

import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.ControlPlane;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;

/**
 * Heap the extension keeps while a control plane runs: used heap after full GCs with a started ControlPlane
 * (process backend, etcd + kube-apiserver, its registry and Kubernetes client created and used once) minus the
 * same before anything was loaded. Metaspace (classes) is reported too, outside the heap figure.
 */
final class Heap {

  private static final double MIB = 1024.0 * 1024.0;

  private Heap() {}

  static void run() throws Exception {
    long heapBefore = usedHeapAfterGc();
    long metaspaceBefore = metaspace();
    try (ControlPlane controlPlane = new ControlPlane().withBackend(Backend.PROCESS).withKubeApiServer(true)) {
      Out.track(controlPlane);
      controlPlane.start();
      controlPlane.registry().keys("/registry/namespaces/");
      controlPlane.kubernetesClient().namespaces().list();
      long heapAfter = usedHeapAfterGc();
      Out.result("heap", (heapAfter - heapBefore) / MIB);
      Out.result("metaspace", (metaspace() - metaspaceBefore) / MIB);
      Out.info("gc", ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList());
      Out.closed(controlPlane);
    }
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  private static long metaspace() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getName().equals("Metaspace"))
        .mapToLong(pool -> pool.getUsage().getUsed()).sum();
  }
}
