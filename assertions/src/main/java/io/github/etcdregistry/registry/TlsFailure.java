package io.github.etcdregistry.registry;

import java.net.Socket;
import java.net.URI;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/** One sentence for a failed TLS handshake with etcd, saying which side refused what and what to give instead. */
final class TlsFailure {

  private static final Pattern ALERT = Pattern.compile("Received fatal alert: (\\w+)");

  private TlsFailure() {}

  /** The rest of a sentence that starts with the endpoint. */
  static String describe(URI endpoint, SSLException e, RecordingTrust trust, ClientTls tls) {
    if (trust.refused != null) {
      X509Certificate served = trust.chain[0];
      String names = " (" + served.getSubjectX500Principal().getName() + ", issued by " + served.getIssuerX500Principal().getName() + ")";
      if (trust.hostChecked) {
        return " presents a certificate" + names + " that is not valid for the host " + endpoint.getHost() + " (" + trust.refused.getMessage()
            + "); connect with a name or address the certificate was issued for";
      }
      try {
        served.checkValidity();
      } catch (CertificateException expired) {
        return " presents a certificate" + names + " that is outside its validity (not after " + served.getNotAfter().toInstant() + ")";
      }
      return " presents a certificate" + names + " that the trusted CA " + tls.caFile + " (" + tls.caNames() + ") did not sign, so this"
          + " client refused it; give the CA that signed etcd's serving certificate (kubeadm: /etc/kubernetes/pki/etcd/ca.crt)";
    }
    String message = String.valueOf(e.getMessage());
    Matcher alert = ALERT.matcher(message);
    if (alert.find()) {
      return serverAlert(alert.group(1), tls);
    }
    if (message.contains("Unsupported or unrecognized SSL message") || message.contains("Remote host terminated the handshake")) {
      return " does not speak TLS: use http://" + endpoint.getRawAuthority() + " for a plain etcd, or check the port";
    }
    return " failed the TLS handshake: " + message;
  }

  private static String serverAlert(String alert, ClientTls tls) {
    if (tls.certificateFile == null && (alert.equals("certificate_required") || alert.equals("bad_certificate")
        || alert.equals("handshake_failure"))) {
      return " asks for a client certificate and none was given: give clientCertificate(certificate, key) (--cert, --key), for kubeadm"
          + " /etc/kubernetes/pki/apiserver-etcd-client.crt and .key";
    }
    String certificate = " the client certificate " + tls.certificateFile + " (" + tls.clientCertificateNames() + ")";
    return switch (alert) {
      case "bad_certificate", "unknown_ca", "certificate_unknown", "unsupported_certificate", "access_denied", "decrypt_error" ->
          " rejected" + certificate + " (TLS alert " + alert + "): etcd does not trust the CA that issued it (etcd's --trusted-ca-file);"
              + " give a client certificate issued by etcd's CA (kubeadm: apiserver-etcd-client.crt and .key)";
      case "certificate_expired" -> " rejected" + certificate + ": it has expired";
      case "certificate_revoked" -> " rejected" + certificate + ": it is revoked";
      default -> " refused the TLS handshake (TLS alert " + alert + ")";
    };
  }

  /** Keeps what this client saw of the server's certificate, so a refusal on this side can be told from one on etcd's. */
  static final class RecordingTrust extends X509ExtendedTrustManager {
    private X509ExtendedTrustManager delegate;
    private X509Certificate[] chain;
    private CertificateException refused;
    private boolean hostChecked;

    X509TrustManager around(X509TrustManager trustManager) {
      this.delegate = (X509ExtendedTrustManager) trustManager;
      return this;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] served, String authType, Socket socket) throws CertificateException {
      chain = served;
      try {
        delegate.checkServerTrusted(served, authType); // the CA alone
        hostChecked = true;
        delegate.checkServerTrusted(served, authType, socket); // and the host name
      } catch (CertificateException e) {
        refused = e;
        throw e;
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] served, String authType) throws CertificateException {
      checkServerTrusted(served, authType, (Socket) null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] served, String authType, SSLEngine engine) throws CertificateException {
      checkServerTrusted(served, authType, (Socket) null);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] presented, String authType, Socket socket) throws CertificateException {
      delegate.checkClientTrusted(presented, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] presented, String authType, SSLEngine engine) throws CertificateException {
      delegate.checkClientTrusted(presented, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] presented, String authType) throws CertificateException {
      delegate.checkClientTrusted(presented, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return delegate.getAcceptedIssuers();
    }
  }
}
