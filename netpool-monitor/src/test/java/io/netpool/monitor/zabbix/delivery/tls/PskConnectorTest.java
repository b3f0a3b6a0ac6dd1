package io.netpool.monitor.zabbix.delivery.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpool.monitor.inventory.SecretRef;
import io.netpool.monitor.zabbix.delivery.ZabbixSender;
import io.netpool.monitor.zabbix.delivery.ZabbixTlsException;
import io.netpool.monitor.zabbix.delivery.ZabbixValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.tls.PSKTlsServer;
import org.bouncycastle.tls.TlsPSKIdentityManager;
import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PSK connector against a Bouncy Castle PSK server that knows one identity and key. */
class PskConnectorTest {
  private static final String KEY =
      "1f87b595725ac58dd977beef14b97461a7c1045b9a1c963065002c5473194952";
  private static final String OTHER =
      "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
  private static final List<ZabbixValue> VALUES =
      List.of(new ZabbixValue("line-1", "line.status", "1", null));

  @TempDir Path dir;

  private static TlsTrapper pskServer(String identity, String hexKey) throws Exception {
    byte[] key = HexFormat.of().parseHex(hexKey);
    TlsPSKIdentityManager ids =
        new TlsPSKIdentityManager() {
          @Override
          public byte[] getHint() {
            return null;
          }

          @Override
          public byte[] getPSK(byte[] id) {
            // a copy: Bouncy Castle wipes the key it is given after the handshake
            return Arrays.equals(id, identity.getBytes(StandardCharsets.UTF_8))
                ? key.clone()
                : null;
          }
        };
    return TlsTrapper.start(
        s -> {
          TlsServerProtocol p = new TlsServerProtocol(s.getInputStream(), s.getOutputStream());
          p.accept(new PSKTlsServer(new BcTlsCrypto(new SecureRandom()), ids));
          return new TrapperConnector.Streams(p.getInputStream(), p.getOutputStream());
        });
  }

  private static ZabbixSender sender(int port, TrapperConnector c) {
    return new ZabbixSender(
        "127.0.0.1",
        port,
        Duration.ofSeconds(5),
        Duration.ofSeconds(5),
        ZabbixSender.DEFAULT_MAX_REPLY_BYTES,
        Clock.systemUTC(),
        c);
  }

  @Test
  void valuesGoOverPskWithTheRightKey() throws Exception {
    try (TlsTrapper server = pskServer("netpool", KEY)) {
      TrapperConnector c = TrapperTls.psk("netpool", SecretRef.literal(KEY)).connector("proxy dc1");
      assertThat(sender(server.port(), c).send(VALUES).processed()).isEqualTo(1);
      assertThat(server.requests).singleElement().asString().contains("line.status");
    }
  }

  @Test
  void aWrongKeyIsRefusedWithAMessageNamingTheProxyAndTheIdentityButNotTheKey() throws Exception {
    try (TlsTrapper server = pskServer("netpool", KEY)) {
      TrapperConnector c =
          TrapperTls.psk("netpool", SecretRef.literal(OTHER)).connector("proxy dc1 (127.0.0.1)");
      assertThatThrownBy(() -> sender(server.port(), c).send(VALUES))
          .isInstanceOf(ZabbixTlsException.class)
          .hasMessageStartingWith("TLS handshake with proxy dc1 (127.0.0.1) failed: ")
          .hasMessageContaining("identity 'netpool'")
          .hasMessageNotContaining(OTHER)
          .hasMessageNotContaining(KEY)
          .satisfies(e -> assertThat(((ZabbixTlsException) e).retryable()).isTrue());
      assertThat(server.requests).isEmpty();
    }
  }

  @Test
  void anUnknownIdentityIsRefused() throws Exception {
    try (TlsTrapper server = pskServer("netpool", KEY)) {
      TrapperConnector c =
          TrapperTls.psk("someone", SecretRef.literal(KEY)).connector("the server");
      assertThatThrownBy(() -> sender(server.port(), c).send(VALUES))
          .isInstanceOf(ZabbixTlsException.class)
          .hasMessageStartingWith("TLS handshake with the server failed: ")
          .hasMessageContaining("'someone'");
    }
  }

  @Test
  void aCorrectedPskFileIsUsedByTheNextAttempt() throws Exception {
    Path file = dir.resolve("psk");
    Files.writeString(file, OTHER + "\n");
    try (TlsTrapper server = pskServer("netpool", KEY)) {
      ZabbixSender s =
          sender(
              server.port(),
              TrapperTls.psk("netpool", SecretRef.file(file, OTHER)).connector("proxy dc1"));
      assertThatThrownBy(() -> s.send(VALUES)).isInstanceOf(ZabbixTlsException.class);
      Files.writeString(file, KEY + "\n");
      assertThat(s.send(VALUES).processed()).isEqualTo(1);
    }
  }

  @Test
  void aKeyThatIsNotHexFailsBeforeConnectingWithoutShowingIt() throws Exception {
    try (TlsTrapper server = pskServer("netpool", KEY)) {
      TrapperConnector c =
          TrapperTls.psk("netpool", SecretRef.literal("not-a-key")).connector("proxy dc1");
      assertThatThrownBy(() -> sender(server.port(), c).send(VALUES))
          .isInstanceOf(ZabbixTlsException.class)
          .hasMessageContaining("the PSK literal is not usable: the PSK must have 32 to 512 hex")
          .hasMessageNotContaining("not-a-key");
    }
  }
}
