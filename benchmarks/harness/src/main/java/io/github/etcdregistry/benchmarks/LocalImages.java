package io.github.etcdregistry.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Images for the container peers, derived locally (no registry needed) from etcd-registry's FROM-scratch images.
 *
 * <p>Those images start their binary as ENTRYPOINT, while the official etcd image (and what jetcd-launcher and
 * Kindcontainer are written for) has no entrypoint and runs {@code etcd ...} as the command, found on PATH. The
 * derived image is the same binary in the official layout: {@code ENTRYPOINT []}, {@code CMD ["/usr/local/bin/etcd"]}.
 * kube-apiserver needs nothing: Kindcontainer clears the entrypoint itself. Removed again by {@link #close()}.
 */
final class LocalImages implements AutoCloseable {

  static final String LABEL = "io.github.etcdregistry.benchmark";

  private final List<String> built = new ArrayList<>();

  LocalImages() {
    // also when the run is stopped: close() is idempotent
    Runtime.getRuntime().addShutdownHook(new Thread(this::close, "remove benchmark images"));
  }

  /** The etcd binary of {@code image} in the official image layout; throws with the reason when Docker cannot build it. */
  String etcdWithOfficialLayout(String image) {
    String tag = image.contains(":") ? image.substring(image.lastIndexOf(':') + 1) : "latest";
    String name = "etcd-registry-benchmark/etcd:" + tag;
    build(name, "FROM " + image + "\nENTRYPOINT []\nCMD [\"/usr/local/bin/etcd\"]\n");
    return name;
  }

  private void build(String name, String dockerfile) {
    ProcessBuilder builder = new ProcessBuilder("docker", "build", "-q", "--label", LABEL + "=true", "-t", name, "-")
        .redirectErrorStream(true);
    builder.environment().put("DOCKER_BUILDKIT", "0");
    try {
      Process process = builder.start();
      try (OutputStream in = process.getOutputStream()) {
        in.write(dockerfile.getBytes(StandardCharsets.UTF_8));
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("docker build of " + name + " failed: " + output);
      }
      synchronized (this) {
        built.add(name);
      }
    } catch (IOException e) {
      throw new IllegalStateException("docker build of " + name + " could not run: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building " + name, e);
    }
  }

  /**
   * Removes containers the peers left behind (they carry Testcontainers' labels but not etcd-registry's, and run
   * one of the given images) and says which; an empty list when every peer cleaned up after itself.
   */
  List<String> removeLeftoverPeerContainers(List<String> images) {
    List<String> leftovers = new ArrayList<>();
    try {
      Process process = new ProcessBuilder("docker", "ps", "-a", "--filter", "label=org.testcontainers=true",
          "--format", "{{.ID}}\t{{.Image}}\t{{.Labels}}").redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor(60, TimeUnit.SECONDS);
      for (String line : output.lines().toList()) {
        String[] fields = line.split("\t", 3);
        if (fields.length == 3 && images.contains(fields[1]) && !fields[2].contains("io.github.etcdregistry=")) {
          leftovers.add(fields[0] + " (" + fields[1] + ")");
          new ProcessBuilder("docker", "rm", "-f", "-v", fields[0]).redirectErrorStream(true).start().waitFor(60, TimeUnit.SECONDS);
        }
      }
    } catch (IOException e) {
      System.err.println("benchmark: could not list containers: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return leftovers;
  }

  /**
   * An IPv4 address of this host that is not loopback, where published container ports answer too (Docker binds them
   * to 0.0.0.0): the first of an interface that is up (docker0 counts only while a container is attached).
   */
  static String nonLoopbackHostAddress() {
    try {
      List<java.net.NetworkInterface> interfaces = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces());
      for (java.net.NetworkInterface nic : interfaces) {
        if (!nic.isUp() || nic.isLoopback()) {
          continue;
        }
        for (java.net.InetAddress address : java.util.Collections.list(nic.getInetAddresses())) {
          if (address instanceof java.net.Inet4Address && !address.isLoopbackAddress()) {
            return address.getHostAddress();
          }
        }
      }
    } catch (java.net.SocketException e) {
      throw new IllegalStateException("could not list network interfaces: " + e.getMessage(), e);
    }
    throw new IllegalStateException("this host has no IPv4 address besides loopback");
  }

  @Override
  public synchronized void close() {
    for (String name : built) {
      try {
        Process process = new ProcessBuilder("docker", "rmi", "-f", name).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        process.waitFor(60, TimeUnit.SECONDS);
      } catch (IOException e) {
        System.err.println("benchmark: could not remove image " + name + ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    built.clear();
  }
}
