package io.github.etcdregistry.benchmarks.child;

import io.github.etcdregistry.controlplane.Backend;
import java.nio.file.Path;

/**
 * Entry point of a child JVM: runs one measurement and reports it on stdout (see {@link Out}).
 *
 * <pre>
 * etcd PROCESS|CONTAINER runs                 ControlPlane etcd only, start() until it returns
 * etcd-jetcd-launcher image runs              jetcd-launcher's 1-node cluster
 * apiserver PROCESS|CONTAINER runs            ControlPlane etcd + kube-apiserver
 * reuse classes                               K @WithEtcdRegistry(SHARED) classes through the JUnit Platform Launcher
 * corpus file pods                            creates Pods through kube-apiserver, saves their stored values
 * decode file warmup-seconds rounds           StorageCodec.decode, single thread
 * scan file keys runs                         writes keys Pods to etcd, times entries() + decode of each
 * scale values bytes runs                     writes values ConfigMaps of bytes each to etcd, times keys(), entries() + decode, HTML report
 * heap                                        used heap after GC, with and without a running ControlPlane
 * nodes-start PROCESS|CONTAINER nodes runs    ControlPlane with kube-controller-manager and nodes simulated nodes (0: none)
 * nodes-workloads nodes replicas completions runs
 *                                             a Deployment of replicas until ready, then a Job of completions until Complete
 * </pre>
 */
public final class Scenario {

  private Scenario() {}

  public static void main(String[] args) {
    Out.install();
    try {
      switch (args[0]) {
        case "etcd" -> Startup.etcd(Backend.valueOf(args[1]), Integer.parseInt(args[2]));
        case "etcd-jetcd-launcher" -> Startup.jetcdLauncher(args[1], Integer.parseInt(args[2]));
        case "apiserver" -> Startup.apiServer(Backend.valueOf(args[1]), Integer.parseInt(args[2]));
        case "reuse" -> Reuse.run(Integer.parseInt(args[1]));
        case "corpus" -> PodCorpus.create(Path.of(args[1]), Integer.parseInt(args[2]));
        case "decode" -> Decode.run(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        case "scan" -> Scan.run(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        case "scale" -> Scale.run(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        case "heap" -> Heap.run();
        case "nodes-start" -> Nodes.startup(Backend.valueOf(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        case "nodes-workloads" -> Nodes.workloads(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
            Integer.parseInt(args[4]));
        default -> throw new IllegalArgumentException("unknown scenario " + args[0]);
      }
    } catch (Throwable t) {
      t.printStackTrace();
      System.err.println("BENCHMARK FAILED: " + t);
      System.exit(1);
    }
    System.exit(0); // gRPC, vert.x and docker-java leave non-daemon threads behind
  }
}
