package io.netpool.monitor.zabbix;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpool.monitor.inventory.InventoryException;
import io.netpool.monitor.inventory.InventoryLoader;
import io.netpool.monitor.inventory.Problem;
import io.netpool.monitor.inventory.SecretRef;
import io.netpool.monitor.inventory.ZabbixEndpoint;
import io.netpool.monitor.zabbix.delivery.tls.TestPki;
import io.netpool.monitor.zabbix.delivery.tls.TrapperTls;
import io.netpool.monitor.zabbix.delivery.tls.TrapperTls.Connect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zabbix.sender.tls} and the per-proxy {@code tls}, as the loader reads them. */
class TrapperTlsConfigTest {
  private static final String KEY =
      "1f87b595725ac58dd977beef14b97461a7c1045b9a1c963065002c5473194952";
  private static final InventoryLoader LOADER =
      new InventoryLoader(Map.of("ZBX_PSK", KEY, "SHORT", "abcd")::get)
          .section(ZabbixSection.KEY, ZabbixSection::read);

  @TempDir Path dir;

  private ZabbixSettings.Sender load(String yaml) throws InventoryException {
    return ZabbixSection.of(
            LOADER.parseMonitorFile(
                dir.resolve("monitor.yml"), yaml.getBytes(StandardCharsets.UTF_8)))
        .sender();
  }

  private List<String> problems(String yaml) {
    try {
      load(yaml);
    } catch (InventoryException e) {
      return e.problems().stream()
          .map((Problem x) -> x.line() + ":" + x.column() + " " + x.field() + ": " + x.message())
          .toList();
    }
    throw new AssertionError("expected problems in:\n" + yaml);
  }

  @Test
  void pskForAllAndAProxyWithItsOwnSettingInTheLongForm() throws Exception {
    Files.writeString(dir.resolve("dc2.psk"), KEY + "\n");
    ZabbixSettings.Sender s =
        load(
            """
            zabbix:
              sender:
                server: zabbix.example.net
                tls: {connect: psk, psk_identity: netpool, psk: {env: ZBX_PSK}}
                proxies:
                  dc1: 10.0.0.5
                  dc2:
                    address: 10.0.0.6:10052
                    tls: {connect: psk, psk_identity: dc2, psk: {file: dc2.psk}}
                  dc3: {address: 10.0.0.7, tls: {connect: unencrypted}}
            """);
    ZabbixEndpoint dc1 = new ZabbixEndpoint("10.0.0.5", 10051);
    ZabbixEndpoint dc2 = new ZabbixEndpoint("10.0.0.6", 10052);
    ZabbixEndpoint dc3 = new ZabbixEndpoint("10.0.0.7", 10051);
    assertThat(s.proxies()).containsOnlyKeys("dc1", "dc2", "dc3").containsEntry("dc2", dc2);
    assertThat(s.tls()).isEqualTo(TrapperTls.psk("netpool", SecretRef.env("ZBX_PSK", KEY)));
    assertThat(s.tlsFor(dc1)).isEqualTo(s.tls());
    assertThat(s.tlsFor(s.server())).isEqualTo(s.tls());
    assertThat(s.tlsFor(dc2).pskIdentity()).isEqualTo("dc2");
    assertThat(s.tlsFor(dc3)).isEqualTo(TrapperTls.UNENCRYPTED);
    assertThat(s.describe(dc2)).isEqualTo("proxy dc2 (10.0.0.6:10052)");
    assertThat(s.describe(s.server())).isEqualTo("the server (zabbix.example.net:10051)");
    assertThat(s.tls().toString()).doesNotContain(KEY).contains("env:ZBX_PSK");
  }

  @Test
  void withoutTlsEverythingIsUnencrypted() throws Exception {
    ZabbixSettings.Sender s = load("zabbix:\n  sender: {server: zbx}\n");
    assertThat(s.tls().connect()).isEqualTo(Connect.UNENCRYPTED);
  }

  @Test
  void mistakesAreLocatedAndNeverShowTheKey() {
    assertThat(
            problems(
                """
                zabbix:
                  sender:
                    tls:
                      connect: psk
                      psk_identity: netpool
                      psk: {env: SHORT}
                      ca_file: ca.crt
                    proxies:
                      dc1: {address: 10.0.0.5, tls: {connect: tls13}}
                      dc2: {tls: {connect: psk}}
                      dc3: {address: 10.0.0.7, tls: {connect: psk, psk_identity: x}}
                """))
        .containsExactlyInAnyOrder(
            "7:16 zabbix.sender.tls.ca_file: file "
                + dir.resolve("ca.crt")
                + " does not exist or is not readable",
            "9:47 zabbix.sender.proxies.dc1.tls.connect: 'tls13' is not unencrypted, psk or cert",
            "10:12 zabbix.sender.proxies.dc2.address: missing required field 'address'",
            "11:37 zabbix.sender.proxies.dc3.tls.psk: connect: psk needs 'psk'")
        .noneMatch(p -> p.contains("abcd"));
  }

  @Test
  void aShortPskAndCertificateFieldsWithPskAreReported() {
    assertThat(
            problems(
                """
                zabbix:
                  sender:
                    tls:
                      connect: psk
                      psk_identity: netpool
                      psk: {env: SHORT}
                      server_cert_subject: CN=zabbix
                """))
        .containsExactlyInAnyOrder(
            "7:7 zabbix.sender.tls.server_cert_subject: 'server_cert_subject' is not used with"
                + " connect: psk")
        .noneMatch(p -> p.contains("abcd"));
    assertThat(
            problems(
                """
                zabbix:
                  sender:
                    tls: {connect: psk, psk_identity: netpool, psk: {env: SHORT}}
                """))
        .containsExactly(
            "3:53 zabbix.sender.tls.psk: env:SHORT: the PSK must have 32 to 512 hex digits (128 to"
                + " 2048 bit), it has 4 characters");
  }

  /** ca.crt, ca.crl, netpool.crt/.key (fitting), other.key (of another certificate). */
  private void pki() throws Exception {
    TestPki.Issued ca = TestPki.ca("CN=Example CA,O=Example");
    ca.writeCert(dir.resolve("ca.crt"));
    TestPki.crl(dir.resolve("ca.crl"), ca, Instant.now().plus(1, ChronoUnit.DAYS));
    TestPki.Issued own = TestPki.issue(ca, "CN=netpool,O=Example");
    own.writeCert(dir.resolve("netpool.crt"));
    own.writeKey(dir.resolve("netpool.key"));
    TestPki.issue(ca, "CN=other,O=Example").writeKey(dir.resolve("other.key"));
  }

  @Test
  void certificatesWithACrlAndNamesRelativeToTheFile() throws Exception {
    pki();
    ZabbixSettings.Sender s =
        load(
            """
            zabbix:
              sender:
                server: zabbix.example.net
                tls:
                  connect: cert
                  ca_file: ca.crt
                  crl_file: ca.crl
                  cert_file: netpool.crt
                  key_file: netpool.key
                  server_cert_issuer: CN=Example CA,O=Example
                  server_cert_subject: CN=Zabbix server,OU=Ops,O=Example
            """);
    assertThat(s.tls())
        .isEqualTo(
            TrapperTls.cert(
                dir.resolve("ca.crt"),
                dir.resolve("ca.crl"),
                dir.resolve("netpool.crt"),
                dir.resolve("netpool.key"),
                "CN=Example CA,O=Example",
                "CN=Zabbix server,OU=Ops,O=Example"));
    assertThat(s.tls().toString()).contains("crl " + dir.resolve("ca.crl"));
  }

  @Test
  void certificateMistakesAreLocated() throws Exception {
    pki();
    assertThat(
            problems(
                """
                zabbix:
                  sender:
                    server: zbx
                    tls: {connect: cert, ca_file: ca.crt, key_file: netpool.key}
                    proxies:
                      dc1:
                        address: 10.0.0.5
                        tls: {connect: cert, ca_file: missing.crt, cert_file: netpool.crt, key_file: netpool.key}
                      dc2:
                        address: 10.0.0.6
                        tls:
                          connect: cert
                          ca_file: ca.crt
                          cert_file: netpool.crt
                          key_file: netpool.key
                          server_cert_subject: Zabbix server
                          server_cert_issuer: ""
                      dc3:
                        address: 10.0.0.7
                        tls: {connect: psk, psk_identity: x, psk: {env: ZBX_PSK}, crl_file: ca.crl}
                """))
        .containsExactlyInAnyOrder(
            "4:10 zabbix.sender.tls.cert_file: connect: cert needs 'cert_file'",
            "8:39 zabbix.sender.proxies.dc1.tls.ca_file: file "
                + dir.resolve("missing.crt")
                + " does not exist or is not readable",
            "16:32 zabbix.sender.proxies.dc2.tls.server_cert_subject: 'Zabbix server' is not a"
                + " distinguished name such as 'CN=Zabbix server,O=Example'",
            "17:31 zabbix.sender.proxies.dc2.tls.server_cert_issuer: must not be empty",
            "20:67 zabbix.sender.proxies.dc3.tls.crl_file: 'crl_file' is not used with connect:"
                + " psk");
  }

  @Test
  void aKeyOfAnotherCertificateOrACrlInPlaceOfTheCaIsReportedAtTheSetting() throws Exception {
    pki();
    assertThat(
            problems(
                """
                zabbix:
                  sender:
                    server: zbx
                    tls: {connect: cert, ca_file: ca.crt, cert_file: netpool.crt, key_file: other.key}
                    proxies:
                      dc1:
                        address: 10.0.0.5
                        tls: {connect: cert, ca_file: ca.crl, cert_file: netpool.crt, key_file: netpool.key}
                """))
        .hasSize(2)
        .anySatisfy(
            p ->
                assertThat(p)
                    .isEqualTo(
                        "4:10 zabbix.sender.tls: the key in "
                            + dir.resolve("other.key")
                            + " does not fit the certificate "
                            + dir.resolve("netpool.crt")))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("8:14 zabbix.sender.proxies.dc1.tls: ")
                    .contains(dir.resolve("ca.crl") + " is not a PEM certificate file"));
  }
}
