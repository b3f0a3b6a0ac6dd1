package io.netpool.monitor.zabbix.delivery.tls;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;

/**
 * TLS with certificates through JSSE (TLS 1.2 and 1.3). Like Zabbix: the server certificate must
 * chain to the configured CA, its host name is not checked, instead its issuer and subject are
 * compared with the configured ones when set. Files are read at every connection, so replaced
 * certificates are used by the next attempt.
 */
final class CertConnector implements TrapperConnector {
  private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
  private static final char[] STORE_PASSWORD = "netpool".toCharArray(); // in-memory store only

  private final TrapperTls tls;
  private final String peer;

  CertConnector(TrapperTls tls, String peer) {
    this.tls = Objects.requireNonNull(tls, "tls");
    this.peer = Objects.requireNonNull(peer, "peer");
  }

  /**
   * Reads the files and the names of a setting.
   *
   * @throws IllegalArgumentException saying which file or name is wrong
   */
  static void check(TrapperTls tls) {
    context(tls);
    checkName(tls.serverCertIssuer(), "server_cert_issuer");
    checkName(tls.serverCertSubject(), "server_cert_subject");
  }

  private static void checkName(String name, String what) {
    if (name == null) {
      return;
    }
    try {
      new X500Principal(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          what + " '" + name + "' is not a distinguished name such as 'CN=Zabbix proxy,O=Example'");
    }
  }

  @Override
  public Streams open(Socket socket, String host, int port) throws IOException {
    SSLContext context;
    try {
      context = context(tls);
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

  private void expect(String what, String expected, X500Principal actual)
      throws TlsHandshakeException {
    if (expected == null || sameName(expected, actual)) {
      return;
    }
    throw failed(
        "the server certificate's "
            + what
            + " is '"
            + actual.getName(X500Principal.RFC2253)
            + "', expected '"
            + expected
            + "' (server_cert_"
            + what
            + ")",
        null);
  }

  /** Compared as distinguished names (order matters, case and spaces around ',' do not). */
  static boolean sameName(String expected, X500Principal actual) {
    try {
      return new X500Principal(expected).equals(actual);
    } catch (IllegalArgumentException e) {
      return expected.equals(actual.getName(X500Principal.RFC2253));
    }
  }

  private String reason(SSLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertPathValidatorException || t instanceof CertificateException) {
        return "the server certificate is not signed by a CA of "
            + tls.caFile()
            + " ("
            + t.getMessage()
            + ")";
      }
    }
    String m = String.valueOf(e.getMessage());
    if (m.contains("bad_certificate")
        || m.contains("unknown_ca")
        || m.contains("certificate_required")
        || m.contains("certificate_unknown")
        || m.contains("access_denied")) {
      return "the server refused this sender's certificate " + tls.certFile() + " (" + m + ")";
    }
    return m;
  }

  private static SSLContext context(TrapperTls tls) {
    List<X509Certificate> cas = PemFiles.certificates(tls.caFile());
    List<X509Certificate> chain = PemFiles.certificates(tls.certFile());
    PrivateKey key = PemFiles.privateKey(tls.keyFile());
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      for (int i = 0; i < cas.size(); i++) {
        trust.setCertificateEntry("ca" + i, cas.get(i));
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
      tmf.init(trust);
      KeyStore own = KeyStore.getInstance("PKCS12");
      own.load(null, null);
      try {
        own.setKeyEntry("own", key, STORE_PASSWORD, chain.toArray(new X509Certificate[0]));
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException(
            "the key in " + tls.keyFile() + " does not fit the certificate " + tls.certFile(), e);
      }
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(own, STORE_PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private TlsHandshakeException failed(String reason, Throwable cause) {
    return new TlsHandshakeException("TLS handshake with " + peer + " failed: " + reason, cause);
  }
}
