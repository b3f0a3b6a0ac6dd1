package io.netpool.monitor.zabbix.delivery.tls;

import java.net.Socket;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateRevokedException;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.security.auth.x500.X500Principal;

/**
 * Checks the server's certificate with the PKIX trust manager and, when it is refused, says why in
 * an operator's words (revoked, expired, not yet valid, not from a CA of {@code ca_file}) with the
 * certificate's subject, instead of JSSE's "PKIX path validation failed".
 */
final class ServerCertificateCheck extends X509ExtendedTrustManager {
  /** Names OpenSSL-made certificates use that RFC 2253 output would show as an OID. */
  private static final Map<String, String> KEYWORDS =
      Map.of("1.2.840.113549.1.9.1", "emailAddress");

  private final X509ExtendedTrustManager pkix;
  private final TrapperTls tls;

  ServerCertificateCheck(X509ExtendedTrustManager pkix, TrapperTls tls) {
    this.pkix = Objects.requireNonNull(pkix, "pkix");
    this.tls = Objects.requireNonNull(tls, "tls");
  }

  /** The refusal of the server's certificate, with the reason as its message. */
  static final class Refused extends CertificateException {
    Refused(String reason, Throwable cause) {
      super(reason, cause);
    }
  }

  /** A name as RFC 4514 writes it, the form Zabbix compares: {@code CN=..,OU=..,O=..}. */
  static String dn(X500Principal name) {
    return name.getName(X500Principal.RFC2253, KEYWORDS);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    explained(chain, () -> pkix.checkServerTrusted(chain, authType, socket));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    explained(chain, () -> pkix.checkServerTrusted(chain, authType, engine));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    explained(chain, () -> pkix.checkServerTrusted(chain, authType));
  }

  private interface Check {
    void run() throws CertificateException;
  }

  private void explained(X509Certificate[] chain, Check check) throws CertificateException {
    try {
      check.run();
    } catch (CertificateException e) {
      throw new Refused(reason(chain, e), e);
    }
  }

  private String reason(X509Certificate[] chain, CertificateException e) {
    CertPathValidatorException invalid = cause(e, CertPathValidatorException.class);
    X509Certificate cert = chain.length == 0 ? null : chain[0];
    if (invalid != null
        && invalid.getCertPath() != null
        && invalid.getIndex() >= 0
        && invalid.getIndex() < invalid.getCertPath().getCertificates().size()) {
      cert = (X509Certificate) invalid.getCertPath().getCertificates().get(invalid.getIndex());
    }
    String which = cert == null ? "the server certificate" : describe(cert, chain);
    if (invalid != null && invalid.getReason() == BasicReason.REVOKED) {
      CertificateRevokedException revoked = cause(e, CertificateRevokedException.class);
      return which
          + " is revoked by "
          + tls.crlFile()
          + (revoked == null
              ? ""
              : " (since "
                  + revoked.getRevocationDate().toInstant()
                  + ", reason "
                  + revoked.getRevocationReason()
                  + ")");
    }
    if (invalid != null && invalid.getReason() == BasicReason.EXPIRED && cert != null) {
      return which + " expired on " + cert.getNotAfter().toInstant();
    }
    if (invalid != null && invalid.getReason() == BasicReason.NOT_YET_VALID && cert != null) {
      return which + " is not valid before " + cert.getNotBefore().toInstant();
    }
    // no path to a trust anchor: JSSE's words add nothing to the issuer's name
    boolean noPath = cause(e, java.security.cert.CertPathBuilderException.class) != null;
    return which
        + (cert == null ? "" : " is issued by '" + dn(cert.getIssuerX500Principal()) + "',")
        + " not by a CA of "
        + tls.caFile()
        + (noPath ? "" : " (" + e.getMessage() + ")");
  }

  private static String describe(X509Certificate cert, X509Certificate[] chain) {
    String kind = chain.length > 0 && chain[0] == cert ? "the server certificate" : "the CA";
    return kind
        + " '"
        + dn(cert.getSubjectX500Principal())
        + "' (serial 0x"
        + cert.getSerialNumber().toString(16)
        + ")";
  }

  private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    pkix.checkClientTrusted(chain, authType, socket);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    pkix.checkClientTrusted(chain, authType, engine);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    pkix.checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return pkix.getAcceptedIssuers();
  }
}
