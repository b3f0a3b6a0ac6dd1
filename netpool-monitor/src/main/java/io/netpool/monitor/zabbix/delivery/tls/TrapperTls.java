package io.netpool.monitor.zabbix.delivery.tls;

import io.netpool.monitor.inventory.SecretRef;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How the connection to one Zabbix server or proxy trapper is secured, after Zabbix's own sender
 * options ({@code TLSConnect}, {@code TLSPSKIdentity}, {@code TLSPSKFile}, {@code TLSCAFile},
 * {@code TLSCRLFile}, {@code TLSCertFile}, {@code TLSKeyFile}, {@code TLSServerCertIssuer}, {@code
 * TLSServerCertSubject}); docs/zabbix.md, "TLS". {@link #toString()} shows references and paths
 * only.
 *
 * @param connect unencrypted, psk or cert
 * @param pskIdentity PSK identity (psk only)
 * @param psk reference to the hex PSK, read again at every connection (psk only)
 * @param caFile PEM file of the CA(s) that sign the server certificate (cert only)
 * @param crlFile PEM file of certificate revocation lists of those CAs, or null (cert only)
 * @param certFile PEM file of this sender's certificate, chain allowed (cert only)
 * @param keyFile PEM file of its private key, unencrypted (cert only)
 * @param serverCertIssuer required issuer of the server certificate, or null
 * @param serverCertSubject required subject of the server certificate, or null
 */
public record TrapperTls(
    Connect connect,
    String pskIdentity,
    SecretRef psk,
    Path caFile,
    Path crlFile,
    Path certFile,
    Path keyFile,
    String serverCertIssuer,
    String serverCertSubject) {

  /** No encryption (Zabbix's {@code TLSConnect=unencrypted}). */
  public static final TrapperTls UNENCRYPTED =
      new TrapperTls(Connect.UNENCRYPTED, null, null, null, null, null, null, null, null);

  /** {@code TLSConnect}. */
  public enum Connect {
    UNENCRYPTED,
    PSK,
    CERT;

    /** As written in monitor.yml. */
    public String yamlName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public TrapperTls {
    Objects.requireNonNull(connect, "connect");
    switch (connect) {
      case PSK -> {
        Objects.requireNonNull(pskIdentity, "pskIdentity");
        Objects.requireNonNull(psk, "psk");
      }
      case CERT -> {
        Objects.requireNonNull(caFile, "caFile");
        Objects.requireNonNull(certFile, "certFile");
        Objects.requireNonNull(keyFile, "keyFile");
      }
      case UNENCRYPTED -> {}
    }
  }

  /** A PSK setting. */
  public static TrapperTls psk(String identity, SecretRef psk) {
    return new TrapperTls(Connect.PSK, identity, psk, null, null, null, null, null, null);
  }

  /** A certificate setting; {@code crlFile}, issuer and subject may be null. */
  public static TrapperTls cert(
      Path caFile,
      Path crlFile,
      Path certFile,
      Path keyFile,
      String serverCertIssuer,
      String serverCertSubject) {
    return new TrapperTls(
        Connect.CERT,
        null,
        null,
        caFile,
        crlFile,
        certFile,
        keyFile,
        serverCertIssuer,
        serverCertSubject);
  }

  /** The connector for this setting; {@code peer} names the server or proxy in errors. */
  public TrapperConnector connector(String peer) {
    return switch (connect) {
      case UNENCRYPTED -> TrapperConnector.PLAIN;
      case PSK -> new PskConnector(pskIdentity, psk, peer);
      case CERT -> new CertConnector(this, peer);
    };
  }

  /**
   * Reads the PEM files of a {@code cert} setting (nothing for the others): certificates, key (and
   * that it fits), CRLs (of a CA of {@code ca_file}, current).
   *
   * @throws IllegalArgumentException saying which file is wrong and how
   */
  public void check() {
    if (connect == Connect.CERT) {
      CertConnector.check(this);
    }
  }

  @Override
  public String toString() {
    return switch (connect) {
      case UNENCRYPTED -> "unencrypted";
      case PSK -> "psk (identity '" + pskIdentity + "', key " + psk.describe() + ")";
      case CERT ->
          "cert (ca "
              + caFile
              + (crlFile == null ? "" : ", crl " + crlFile)
              + ", cert "
              + certFile
              + (serverCertIssuer == null ? "" : ", issuer '" + serverCertIssuer + "'")
              + (serverCertSubject == null ? "" : ", subject '" + serverCertSubject + "'")
              + ")";
    };
  }
}
