package io.netpool.monitor.zabbix.delivery.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpool.monitor.zabbix.delivery.ZabbixConnectionException;
import io.netpool.monitor.zabbix.delivery.ZabbixSender;
import io.netpool.monitor.zabbix.delivery.ZabbixTlsException;
import io.netpool.monitor.zabbix.delivery.ZabbixValue;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The certificate connector against a JSSE server that requires a client certificate. */
class CertConnectorTest {
  private static final String SERVER_DN = "CN=Zabbix server,O=Example,C=LV";
  private static final String CA_DN = "CN=Example CA,O=Example";
  private static final List<ZabbixValue> VALUES =
      List.of(new ZabbixValue("line-1", "line.status", "1", null));

  @TempDir Path dir;
  private TestPki.Issued ca;
  private TestPki.Issued server;
  private Path caFile;
  private Path certFile;
  private Path keyFile;

  @BeforeEach
  void pki() throws Exception {
    ca = TestPki.ca(CA_DN);
    server = TestPki.issue(ca, SERVER_DN);
    TestPki.Issued client = TestPki.issue(ca, "CN=netpool,O=Example");
    caFile = ca.writeCert(dir.resolve("ca.crt"));
    certFile = client.writeCert(dir.resolve("netpool.crt"));
    keyFile = client.writeKey(dir.resolve("netpool.key"));
  }

  /** A server with {@code own} as its certificate that trusts {@code trusted} for clients. */
  private static TlsTrapper jsseServer(TestPki.Issued own, X509Certificate trusted)
      throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry(
        "k", own.keys().getPrivate(), "x".toCharArray(), new X509Certificate[] {own.cert()});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "x".toCharArray());
    KeyStore ts = KeyStore.getInstance("PKCS12");
    ts.load(null, null);
    ts.setCertificateEntry("ca", trusted);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(ts);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return TlsTrapper.start(
        s -> {
          SSLSocket ssl = (SSLSocket) ctx.getSocketFactory().createSocket(s, null, true);
          ssl.setUseClientMode(false);
          ssl.setNeedClientAuth(true);
          ssl.startHandshake();
          return new TrapperConnector.Streams(ssl.getInputStream(), ssl.getOutputStream());
        });
  }

  private ZabbixSender sender(int port, TrapperTls tls) {
    return new ZabbixSender(
        "127.0.0.1",
        port,
        Duration.ofSeconds(5),
        Duration.ofSeconds(5),
        ZabbixSender.DEFAULT_MAX_REPLY_BYTES,
        Clock.systemUTC(),
        tls.connector("proxy dc1 (127.0.0.1)"));
  }

  /** The start of the error for a refused server certificate {@code c}. */
  private static String refused(TestPki.Issued c) {
    return "TLS handshake with proxy dc1 (127.0.0.1) failed: the server certificate"
        + " 'CN=Zabbix server,O=Example,C=LV' (serial 0x"
        + c.cert().getSerialNumber().toString(16)
        + ")";
  }

  @Test
  void valuesGoOverTlsWithMatchingIssuerAndSubject() throws Exception {
    try (TlsTrapper t = jsseServer(server, ca.cert())) {
      TrapperTls tls =
          TrapperTls.cert(
              caFile, null, certFile, keyFile, CA_DN, "CN=Zabbix server, O=Example, C=LV");
      assertThat(sender(t.port(), tls).send(VALUES).processed()).isEqualTo(1);
      assertThat(t.requests).hasSize(1);
    }
  }

  @Test
  void aSubjectMismatchIsRefusedAndNamesBothNames() throws Exception {
    try (TlsTrapper t = jsseServer(server, ca.cert())) {
      TrapperTls tls =
          TrapperTls.cert(caFile, null, certFile, keyFile, null, "CN=Other server,O=Example");
      assertThatThrownBy(() -> sender(t.port(), tls).send(VALUES))
          .isInstanceOf(ZabbixTlsException.class)
          .hasMessage(
              "TLS handshake with proxy dc1 (127.0.0.1) failed: the server certificate's subject"
                  + " is 'CN=Zabbix server,O=Example,C=LV', expected 'CN=Other"
                  + " server,O=Example' (server_cert_subject)");
    }
  }

  @Test
  void anIssuerMismatchIsRefused() throws Exception {
    try (TlsTrapper t = jsseServer(server, ca.cert())) {
      TrapperTls tls = TrapperTls.cert(caFile, null, certFile, keyFile, "CN=Another CA", null);
      assertThatThrownBy(() -> sender(t.port(), tls).send(VALUES))
          .isInstanceOf(ZabbixTlsException.class)
          .hasMessageContaining("issuer is 'CN=Example CA,O=Example', expected 'CN=Another CA'");
    }
  }

  @Test
  void aServerCertificateFromAnotherCaIsNotTrusted() throws Exception {
    TestPki.Issued otherCa = TestPki.ca("CN=Other CA");
    TestPki.Issued stranger = TestPki.issue(otherCa, SERVER_DN);
    try (TlsTrapper t = jsseServer(stranger, ca.cert())) {
      TrapperTls tls = TrapperTls.cert(caFile, null, certFile, keyFile, null, null);
      assertThatThrownBy(() -> sender(t.port(), tls).send(VALUES))
          .isInstanceOf(ZabbixTlsException.class)
          .hasMessage(refused(stranger) + " is issued by 'CN=Other CA', not by a CA of " + caFile);
      assertThat(t.requests).isEmpty();
    }
  }

  @Test
  void aClientCertificateTheServerDoesNotTrustIsRefused() throws Exception {
    TestPki.Issued otherCa = TestPki.ca("CN=Other CA");
    try (TlsTrapper t = jsseServer(server, otherCa.cert())) {
      TrapperTls tls = TrapperTls.cert(caFile, null, certFile, keyFile, null, null);
      assertThatThrownBy(() -> sender(t.port(), tls).send(VALUES))
          .isInstanceOf(ZabbixConnectionException.class)
          .hasMessageContaining("127.0.0.1");
      assertThat(t.requests).isEmpty();
    }
  }

  @Test
  void aServerCertificateRevokedByTheCrlIsRefusedNamingItAndTheCrl() throws Exception {
    Path crl =
        TestPki.crl(
            dir.resolve("ca.crl"), ca, Instant.now().plus(1, ChronoUnit.DAYS), server.cert());
    try (TlsTrapper t = jsseServer(server, ca.cert())) {
      TrapperTls tls = TrapperTls.cert(caFile, crl, certFile, keyFile, null, null);
      assertThatThrownBy(() -> sender(t.port(), tls).send(VALUES))
          .isInstanceOf(ZabbixTlsException.class)
          .hasMessageStartingWith(refused(server) + " is revoked by " + crl + " (since ")
          .hasMessageContaining("KEY_COMPROMISE");
      assertThat(t.requests).isEmpty();
    }
  }

  @Test
  void aCrlThatRevokesOtherCertificatesLetsTheServerIn() throws Exception {
    TestPki.Issued other = TestPki.issue(ca, "CN=Old server,O=Example");
    Path crl =
        TestPki.crl(
            dir.resolve("ca.crl"), ca, Instant.now().plus(1, ChronoUnit.DAYS), other.cert());
    try (TlsTrapper t = jsseServer(server, ca.cert())) {
      TrapperTls tls = TrapperTls.cert(caFile, crl, certFile, keyFile, null, null);
      assertThat(sender(t.port(), tls).send(VALUES).processed()).isEqualTo(1);
    }
  }

  @Test
  void anExpiredServerCertificateIsRefusedWithItsEndDate() throws Exception {
    Instant end = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    TestPki.Issued expired =
        TestPki.issue(ca, SERVER_DN, new Instant[] {end.minus(1, ChronoUnit.DAYS), end});
    try (TlsTrapper t = jsseServer(expired, ca.cert())) {
      TrapperTls tls = TrapperTls.cert(caFile, null, certFile, keyFile, null, null);
      assertThatThrownBy(() -> sender(t.port(), tls).send(VALUES))
          .isInstanceOf(ZabbixTlsException.class)
          .hasMessage(refused(expired) + " expired on " + end);
    }
  }

  @Test
  void aCrlOfAnotherCaOrOutOfDateIsRefusedByCheck() throws Exception {
    TestPki.Issued otherCa = TestPki.ca("CN=Other CA");
    Path foreign =
        TestPki.crl(dir.resolve("other.crl"), otherCa, Instant.now().plus(1, ChronoUnit.DAYS));
    assertThatThrownBy(TrapperTls.cert(caFile, foreign, certFile, keyFile, null, null)::check)
        .hasMessage(foreign + " holds a CRL of 'CN=Other CA', which is not a CA of " + caFile);
    Instant past = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    Path stale = TestPki.crl(dir.resolve("stale.crl"), ca, past);
    assertThatThrownBy(TrapperTls.cert(caFile, stale, certFile, keyFile, null, null)::check)
        .hasMessage(
            "the CRL of '"
                + CA_DN
                + "' in "
                + stale
                + " is out of date since "
                + past
                + " (its next update); an old CRL cannot vouch that a certificate is not revoked");
    Path text = java.nio.file.Files.writeString(dir.resolve("notes.txt"), "no CRL here\n");
    assertThatThrownBy(TrapperTls.cert(caFile, text, certFile, keyFile, null, null)::check)
        .hasMessageStartingWith(text + " is not a PEM certificate revocation list");
  }

  @Test
  void unreadableFilesAreNamedByCheck() throws Exception {
    TrapperTls tls = TrapperTls.cert(caFile, null, certFile, caFile, null, null);
    assertThatThrownBy(tls::check).hasMessage(caFile + " holds no PEM private key");
  }
}
