package io.github.etcdregistry.registry;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Names why etcd cannot be reached. gRPC retries a failed connection quietly until the request's timeout, so when the
 * first request waits, each endpoint is dialled once more here, with a plain socket and the JDK's TLS and the same
 * files, whose failures say what went wrong: no such host, nothing listening, no answer, a certificate refused by
 * either side, TLS on one side only.
 */
final class EtcdProbe {

  private static final int DEFAULT_PORT = 2379;
  private static final Executor OWN_THREAD = task -> {
    Thread thread = new Thread(task, "etcd-registry-connection-probe");
    thread.setDaemon(true);
    thread.start();
  };

  private final List<URI> endpoints;
  private final ClientTls tls; // null: plain endpoints only
  private final Duration connectTimeout;

  EtcdProbe(List<URI> endpoints, ClientTls tls, Duration connectTimeout) {
    this.endpoints = List.copyOf(endpoints);
    this.tls = tls;
    this.connectTimeout = connectTimeout;
  }

  Duration connectTimeout() {
    return connectTimeout;
  }

  /**
   * Probes every endpoint from {@code after} on, each in its own thread, all within the connect timeout counted from
   * now. Completes with one sentence per endpoint when none can be reached, and empty as soon as one can; cancelling it
   * cancels the probes that have not started.
   */
  CompletableFuture<Optional<String>> start(Duration after) {
    long deadline = System.nanoTime() + connectTimeout.toNanos();
    Executor later = CompletableFuture.delayedExecutor(after.toNanos(), TimeUnit.NANOSECONDS, OWN_THREAD);
    List<CompletableFuture<Optional<String>>> each = endpoints.stream()
        .map(endpoint -> CompletableFuture.supplyAsync(() -> problem(endpoint, deadline), later)).toList();
    CompletableFuture<Optional<String>> result = new CompletableFuture<>();
    each.forEach(probe -> probe.thenAccept(problem -> {
      if (problem.isEmpty()) {
        result.complete(Optional.empty());
      } else if (each.stream().allMatch(p -> p.isDone() && p.join().isPresent())) {
        result.complete(Optional.of(String.join("; ", each.stream().map(p -> p.join().orElseThrow()).toList())));
      }
    }));
    result.whenComplete((problem, cancelled) -> each.forEach(probe -> probe.cancel(false))); // a probe not started yet never starts
    return result;
  }

  private Optional<String> problem(URI endpoint, long deadline) {
    String host = endpoint.getHost();
    int port = endpoint.getPort() < 0 ? DEFAULT_PORT : endpoint.getPort();
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      return Optional.of(endpoint + ": unknown host " + host + ", DNS does not resolve it; check the endpoint's host name");
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), millisLeft(deadline));
      socket.setSoTimeout(millisLeft(deadline));
      return "https".equals(endpoint.getScheme()) ? tlsProblem(endpoint, socket, host, port) : plainProblem(endpoint, socket, host);
    } catch (NoRouteToHostException e) {
      return Optional.of(endpoint + " is unreachable: no route to " + address.getHostAddress() + "; check the address and the network");
    } catch (ConnectException e) {
      if (e.getMessage() != null && e.getMessage().contains("unreachable")) { // ENETUNREACH
        return Optional.of(endpoint + " is unreachable: no network route to " + address.getHostAddress() + "; check the address and the network");
      }
      return Optional.of(endpoint + " refused the connection: nothing listens on " + address.getHostAddress() + ":" + port
          + "; check the port and that etcd runs there");
    } catch (SocketTimeoutException e) {
      return Optional.of(endpoint + " did not accept a connection within " + connectTimeout.toMillis() + " ms: the host is unreachable or a"
          + " firewall drops the packets; check the address, or allow more time (connect timeout)");
    } catch (IOException | IllegalArgumentException e) {
      return Optional.of(endpoint + " cannot be reached: " + e);
    }
  }

  private Optional<String> tlsProblem(URI endpoint, Socket plain, String host, int port) throws IOException {
    TlsFailure.RecordingTrust trust = new TlsFailure.RecordingTrust();
    SSLSocket socket;
    try {
      socket = (SSLSocket) tls.jdkContext(trust::around).getSocketFactory().createSocket(plain, host, port, true);
    } catch (GeneralSecurityException e) {
      return Optional.empty(); // the JDK cannot build what gRPC built: leave the answer to the request
    }
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS"); // gRPC checks the host name too
    socket.setSSLParameters(parameters);
    try {
      socket.startHandshake();
      // TLS 1.3 tells a client that its certificate was refused only after the handshake: ask for an answer
      request(socket.getOutputStream(), host);
      socket.getInputStream().read();
      return Optional.empty();
    } catch (SSLException e) {
      return Optional.of(endpoint + TlsFailure.describe(endpoint, e, trust, tls));
    } catch (SocketTimeoutException e) {
      return Optional.of(endpoint + " accepted the connection but completed no TLS handshake within " + connectTimeout.toMillis() + " ms");
    }
  }

  private Optional<String> plainProblem(URI endpoint, Socket socket, String host) throws IOException {
    request(socket.getOutputStream(), host);
    byte[] answer;
    try {
      answer = socket.getInputStream().readNBytes(256);
    } catch (SocketTimeoutException e) {
      return Optional.empty(); // no verdict: leave it to the request
    }
    // a plain etcd answers /health; etcd serving TLS closes the connection at once, other TLS servers answer with an
    // alert record or Go's "HTTP request to an HTTPS server"
    boolean tlsAnswer = answer.length > 0 && (answer[0] == 0x15 || new String(answer, StandardCharsets.ISO_8859_1).contains("HTTPS server"));
    if (!tlsAnswer && (answer.length > 0 || !handshakes(socket.getInetAddress(), socket.getPort(), host))) {
      return Optional.empty();
    }
    return Optional.of(endpoint + " closed the connection without answering plain HTTP: it speaks TLS; use https://"
        + endpoint.getRawAuthority() + " with the CA that signed etcd's certificate (trustedCa, --cacert)");
  }

  /** Whether the server answers a TLS hello: a server that closed a plain connection may not speak HTTP at all. */
  private boolean handshakes(InetAddress address, int port, String host) {
    try (Socket plain = new Socket(address, port);
        SSLSocket socket = (SSLSocket) SSLContext.getDefault().getSocketFactory().createSocket(plain, host, port, true)) {
      socket.setSoTimeout((int) connectTimeout.toMillis());
      socket.startHandshake();
      return true;
    } catch (SSLHandshakeException e) {
      return e.getMessage() != null && e.getMessage().contains("PKIX"); // it sent a certificate, which the JDK's CAs do not trust
    } catch (IOException | GeneralSecurityException e) {
      return false;
    }
  }

  /** etcd serves {@code /health} beside gRPC on its client port. */
  private static void request(OutputStream out, String host) throws IOException {
    out.write(("GET /health HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static int millisLeft(long deadline) {
    return (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
  }
}
