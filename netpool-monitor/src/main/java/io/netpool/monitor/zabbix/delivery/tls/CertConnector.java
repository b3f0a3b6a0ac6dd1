package io.netpool.monitor.zabbix.delivery.tls;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.security.auth.x500.X500Principal;

/**
 * TLS with certificates through JSSE (TLS 1.2 and 1.3). Like Zabbix: the server certificate must
 * chain to the configured CA and not be revoked by the configured CRL; its host name is not
 * checked, instead its issuer and subject are compared with the configured ones when set. Files are
 * read at every connection, so replaced certificates and CRLs are used by the next attempt.
 */
final class CertConnector implements TrapperConnector {
  private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  private final TrapperTls tls;
  private final String peer;

  CertConnector(TrapperTls tls, String peer) {
    this.tls = Objects.requireNonNull(tls, "tls");
    this.peer = Objects.requireNonNull(peer, "peer");
  }

  /**
   * Reads the files of a setting (the names are checked where monitor.yml is read).
   *
   * @throws IllegalArgumentException saying which file is wrong and how
   */
  static void check(TrapperTls tls) {
    CertContext.of(tls, Instant.now());
  }

  @Override
  public Streams open(Socket socket, String host, int port) throws IOException {
    SSLContext context;
    try {
      context = CertContext.of(tls, Instant.now());
    } catch (IllegalArgumentException e) {
      throw failed(e.getMessage(), e);
    }
    SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(socket, host, port, true);
    ssl.setUseClientMode(true);
    ssl.setEnabledProtocols(PROTOCOLS);
    try {
      ssl.startHandshake();
    } catch (SocketTimeoutException e) {
      throw e;
    } catch (SSLException e) {
      throw failed(reason(e), e);
    }
    X509Certificate server = (X509Certificate) ssl.getSession().getPeerCertificates()[0];
    expect("issuer", tls.serverCertIssuer(), server.getIssuerX500Principal());
    expect("subject", tls.serverCertSubject(), server.getSubjectX500Principal());
    return new Streams(ssl.getInputStream(), ssl.getOutputStream());
  }

  /**
   * Zabbix checks the sender's certificate after the handshake and, when it does not trust it,
   * closes the connection without a word (its log says why).
   */
  @Override
  public String silentRefusal() {
    return "TLS connection to "
        + peer
        + " was closed without a reply after the handshake: Zabbix does that when it does not"
        + " trust this sender's certificate "
        + tls.certFile()
        + " (not issued by a CA of its TLSCAFile, revoked by its TLSCRLFile, or expired;"
        + " the Zabbix log says which)";
  }

  private void expect(String what, String expected, X500Principal actual)
      throws TlsHandshakeException {
    if (expected == null || sameName(expected, actual)) {
      return;
    }
    throw failed(
        "the server certificate's "
            + what
            + " is '"
            + ServerCertificateCheck.dn(actual)
            + "', expected '"
            + expected
            + "' (server_cert_"
            + what
            + ")",
        null);
  }

  /**
   * Compared as distinguished names: the RFC 4514 string Zabbix compares matches, and so do
   * spellings of the same name that differ in case or in spaces around ',' and '='. The order of
   * the parts matters, as in Zabbix.
   */
  static boolean sameName(String expected, X500Principal actual) {
    try {
      return new X500Principal(expected).equals(actual);
    } catch (IllegalArgumentException e) {
      return expected.equals(ServerCertificateCheck.dn(actual));
    }
  }

  private String reason(SSLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ServerCertificateCheck.Refused refused) {
        return refused.getMessage();
      }
    }
    String m = String.valueOf(e.getMessage());
    if (m.contains("bad_certificate")
        || m.contains("unknown_ca")
        || m.contains("certificate_required")
        || m.contains("certificate_unknown")
        || m.contains("certificate_revoked")
        || m.contains("certificate_expired")
        || m.contains("access_denied")) {
      return "the server refused this sender's certificate " + tls.certFile() + " (" + m + ")";
    }
    return m;
  }

  private TlsHandshakeException failed(String reason, Throwable cause) {
    return new TlsHandshakeException("TLS handshake with " + peer + " failed: " + reason, cause);
  }
}
