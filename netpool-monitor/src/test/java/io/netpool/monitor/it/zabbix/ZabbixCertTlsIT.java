package io.netpool.monitor.it.zabbix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netpool.monitor.inventory.ZabbixEndpoint;
import io.netpool.monitor.ping.PingResult;
import io.netpool.monitor.ping.PingStatus;
import io.netpool.monitor.zabbix.delivery.SpoolSettings;
import io.netpool.monitor.zabbix.delivery.TrapperQueue;
import io.netpool.monitor.zabbix.delivery.TrapperQueueConfig;
import io.netpool.monitor.zabbix.delivery.ZabbixCodes;
import io.netpool.monitor.zabbix.delivery.ZabbixSender;
import io.netpool.monitor.zabbix.delivery.ZabbixSpool;
import io.netpool.monitor.zabbix.delivery.ZabbixTlsException;
import io.netpool.monitor.zabbix.delivery.ZabbixValue;
import io.netpool.monitor.zabbix.delivery.tls.PemFiles;
import io.netpool.monitor.zabbix.delivery.tls.TestPki;
import io.netpool.monitor.zabbix.delivery.tls.TrapperConnector;
import io.netpool.monitor.zabbix.delivery.tls.TrapperTls;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificate TLS against the real Zabbix 6.0, whose certificate, CA and CRL come from {@code
 * bin/zabbix-server}: a host that accepts only certificates (with issuer and subject) receives
 * values; a sender certificate of another CA is refused, its values wait in the spool and arrive
 * once the certificate is replaced; a server certificate with another subject or revoked by the CRL
 * is refused by netpool; a sender certificate revoked by the server's CRL is refused by Zabbix.
 */
@Timeout(300)
class ZabbixCertTlsIT {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String SENDER_DN = "CN=netpool sender,O=netpool IT";

  /** The subject bin/zabbix-server gives the server's certificate. */
  private static final String SERVER_DN = "CN=Zabbix server,OU=Zabbix,O=netpool IT";

  @TempDir Path dir;
  private RealZabbix zabbix;
  private TestPki.Issued ca;
  private Path caFile;
  private Path certFile;
  private Path keyFile;
  private TestPki.Issued sender;

  @BeforeEach
  void pki() throws Exception {
    zabbix = RealZabbix.get();
    caFile = zabbix.tlsDir().resolve("ca.crt");
    ca = TestPki.ca(caFile, zabbix.tlsDir().resolve("ca.key"));
    sender = TestPki.issue(ca, SENDER_DN);
    certFile = sender.writeCert(dir.resolve("sender.crt"));
    keyFile = sender.writeKey(dir.resolve("sender.key"));
  }

  private ZabbixSender sender(TrapperTls tls) {
    return zabbix.sender(tls.connector("the server"));
  }

  @Test
  void valuesGoOverCertificatesAndAForeignCertificateLosesNothingOnceReplaced() throws Exception {
    try (ZabbixAdmin admin = zabbix.admin()) {
      String group = admin.createHostGroup(admin.name("tls"));
      String host = admin.name("line-cert");
      String hostId = admin.createHost(HostSpec.of(host, group));
      LineItems.TYPES.forEach((key, type) -> admin.createTrapperItem(hostId, key, type));
      admin.requireCertificate(hostId, ca.subject(), SENDER_DN);
      admin.reloadConfigCache();
      String statusItem = admin.itemId(hostId, LineItems.KEYS.status());

      TrapperTls tls = TrapperTls.cert(caFile, null, certFile, keyFile, ca.subject(), SERVER_DN);
      ZabbixSender probe = sender(tls);
      await("server accepts certificate values for " + host)
          .atMost(WAIT)
          .pollInterval(Duration.ofSeconds(1))
          .ignoreExceptions()
          .until(() -> probe.send(List.of(status(host, Instant.now()))).processed() == 1);

      // a plain sender is refused: the host accepts certificates only
      ZabbixSender plain = zabbix.sender(TrapperConnector.PLAIN);
      assertThat(plain.send(List.of(status(host, null))).processed()).isZero();
      // a trusted certificate with another subject than the host's: Zabbix answers, but counts
      // the value as failed (a refused value, as for an unknown host; not retried)
      TestPki.Issued other = TestPki.issue(ca, "CN=another sender,O=netpool IT");
      TrapperTls otherTls =
          TrapperTls.cert(
              caFile,
              null,
              other.writeCert(dir.resolve("other.crt")),
              other.writeKey(dir.resolve("other.key")),
              null,
              SERVER_DN);
      assertThat(sender(otherTls).send(List.of(status(host, null))).failed()).isEqualTo(1);

      // the same subject from another CA: Zabbix refuses it; the spooled queue keeps the value
      TestPki.Issued foreignCa = TestPki.ca(ca.subject(), TestPki.KeyType.RSA);
      TestPki.Issued foreign = TestPki.issue(foreignCa, SENDER_DN);
      foreign.writeCert(certFile);
      foreign.writeKey(keyFile);
      ZabbixEndpoint endpoint = new ZabbixEndpoint(zabbix.trapperHost(), zabbix.trapperPort());
      TrapperQueueConfig config =
          TrapperQueueConfig.builder(zabbix.trapperHost())
              .serverPort(zabbix.trapperPort())
              .linger(Duration.ZERO)
              .initialBackoff(Duration.ofMillis(200))
              .maxBackoff(Duration.ofSeconds(1))
              .build();
      ZabbixSpool spool =
          ZabbixSpool.open(
              new SpoolSettings(
                  dir.resolve("spool"),
                  SpoolSettings.DEFAULT_MAX_BYTES,
                  SpoolSettings.DEFAULT_MAX_AGE),
              endpoint,
              Clock.systemUTC());
      try (TrapperQueue queue = new TrapperQueue(config, sender(tls), spool)) {
        queue.start();
        Instant checkedAt = Instant.ofEpochSecond(Instant.now().getEpochSecond() + 1, 0);
        queue.offerResult(host, PingResult.error("foreign certificate test"), checkedAt);
        await("the foreign certificate is refused")
            .atMost(WAIT)
            .until(() -> queue.failing() && queue.lastError() != null);
        assertThat(queue.lastError())
            .isEqualTo(
                "TLS connection to the server was closed without a reply after the handshake:"
                    + " Zabbix does that when it does not trust this sender's certificate "
                    + certFile
                    + " (not issued by a CA of its TLSCAFile, revoked by its TLSCRLFile, or"
                    + " expired; the Zabbix log says which)");
        await("the values wait in the spool").atMost(WAIT).until(() -> queue.spool().values() > 0);
        assertThat(queue.sentValues()).isZero();

        sender.writeCert(certFile);
        sender.writeKey(keyFile);
        String expected = String.valueOf(ZabbixCodes.status(PingStatus.ERROR));
        await("values arrive once the certificate is replaced")
            .atMost(WAIT)
            .pollInterval(Duration.ofMillis(500))
            .until(
                () ->
                    admin.history(statusItem, LineItems.TYPES.get(LineItems.KEYS.status())).stream()
                        .anyMatch(v -> v.time().equals(checkedAt) && v.value().equals(expected)));
        await("the spool is emptied").atMost(WAIT).until(() -> queue.spool().values() == 0);
        assertThat(queue.failedValues()).isZero();
      }
    }
  }

  @Test
  void aServerCertificateWithAnotherSubjectOrRevokedIsRefusedByNetpool() throws Exception {
    X509Certificate server = PemFiles.certificates(zabbix.tlsDir().resolve("server.crt")).get(0);
    List<ZabbixValue> values = List.of(status("no-such-host", null));

    TrapperTls proxySubject =
        TrapperTls.cert(caFile, null, certFile, keyFile, null, "CN=Zabbix proxy,O=netpool IT");
    assertThatThrownBy(() -> sender(proxySubject).send(values))
        .isInstanceOf(ZabbixTlsException.class)
        .hasMessage(
            "TLS handshake with the server failed: the server certificate's subject is '"
                + SERVER_DN
                + "', expected 'CN=Zabbix proxy,O=netpool IT' (server_cert_subject)");

    Instant tomorrow = Instant.now().plus(1, ChronoUnit.DAYS);
    Path revokesServer = TestPki.crl(dir.resolve("revokes-server.crl"), ca, tomorrow, server);
    TrapperTls revoked = TrapperTls.cert(caFile, revokesServer, certFile, keyFile, null, null);
    assertThatThrownBy(() -> sender(revoked).send(values))
        .isInstanceOf(ZabbixTlsException.class)
        .hasMessageStartingWith(
            "TLS handshake with the server failed: the server certificate '"
                + SERVER_DN
                + "' (serial 0x"
                + server.getSerialNumber().toString(16)
                + ") is revoked by "
                + revokesServer);

    // a CRL that revokes another certificate lets the handshake through: the server answers
    TestPki.Issued old = TestPki.issue(ca, "CN=Old Zabbix server,O=netpool IT");
    Path revokesOther = TestPki.crl(dir.resolve("revokes-other.crl"), ca, tomorrow, old.cert());
    TrapperTls current =
        TrapperTls.cert(caFile, revokesOther, certFile, keyFile, ca.subject(), SERVER_DN);
    assertThat(sender(current).send(values).failed()).isEqualTo(1);
  }

  @Test
  void aSenderCertificateRevokedByTheServersCrlIsRefusedByZabbix() {
    Path tls = zabbix.tlsDir();
    TrapperTls revoked =
        TrapperTls.cert(
            caFile,
            null,
            tls.resolve("revoked-sender.crt"),
            tls.resolve("revoked-sender.key"),
            null,
            SERVER_DN);
    assertThatThrownBy(() -> sender(revoked).send(List.of(status("no-such-host", null))))
        .isInstanceOf(ZabbixTlsException.class)
        .hasMessageStartingWith(
            "TLS connection to the server was closed without a reply after the handshake: Zabbix"
                + " does that when it does not trust this sender's certificate "
                + tls.resolve("revoked-sender.crt"));
  }

  private static ZabbixValue status(String host, Instant clock) {
    return new ZabbixValue(host, LineItems.KEYS.status(), "0", clock);
  }
}
