package io.netpool.monitor.zabbix.delivery.tls;

import io.netpool.monitor.inventory.SecretRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.BasicTlsPSKIdentity;
import org.bouncycastle.tls.PSKTlsClient;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * TLS with a pre-shared key, through Bouncy Castle's TLS API: the JDK's JSSE has no external PSK.
 * TLS 1.2 with the PSK and ECDHE-PSK suites Zabbix offers (OpenSSL and GnuTLS builds). The key is
 * read from its reference at every connection, so a corrected PSK file is used by the next retry.
 */
final class PskConnector implements TrapperConnector {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String identity;
  private final SecretRef psk;
  private final String peer;

  PskConnector(String identity, SecretRef psk, String peer) {
    this.identity = Objects.requireNonNull(identity, "identity");
    this.psk = Objects.requireNonNull(psk, "psk");
    this.peer = Objects.requireNonNull(peer, "peer");
  }

  @Override
  public Streams open(Socket socket, String host, int port) throws IOException {
    byte[] key = key();
    TlsClientProtocol protocol =
        new TlsClientProtocol(socket.getInputStream(), socket.getOutputStream());
    try {
      protocol.connect(
          new PSKTlsClient(
              new BcTlsCrypto(RANDOM),
              new BasicTlsPSKIdentity(identity.getBytes(StandardCharsets.UTF_8), key)));
    } catch (TlsFatalAlertReceived e) {
      throw failed(refusal(e.getAlertDescription()), e);
    } catch (TlsFatalAlert e) {
      // e.g. GnuTLS (Zabbix's Debian build) answers a wrong key with a Finished this side rejects
      throw failed(mismatch(e.getAlertDescription(), "this side found"), e);
    } catch (SocketTimeoutException e) {
      throw e; // the sender reports it as a timeout
    } catch (IOException e) {
      // GnuTLS and OpenSSL builds of Zabbix often just close when the PSK does not match
      throw failed(
          "the server closed the connection during the handshake; it does not accept PSK"
              + " identity '"
              + identity
              + "' with this key, or not PSK from this host ("
              + e.getClass().getSimpleName()
              + ")",
          e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
    return new Streams(protocol.getInputStream(), protocol.getOutputStream());
  }

  private String refusal(short alert) {
    String text = AlertDescription.getText(alert);
    return switch (alert) {
      case AlertDescription.unknown_psk_identity ->
          "the server does not know PSK identity '" + identity + "' (alert " + text + ")";
      default -> mismatch(alert, "the server sent");
    };
  }

  /** A key mismatch for the alerts a wrong key causes, else just the alert. */
  private String mismatch(short alert, String who) {
    String text = AlertDescription.getText(alert);
    return switch (alert) {
      case AlertDescription.decrypt_error,
          AlertDescription.bad_record_mac,
          AlertDescription.handshake_failure,
          AlertDescription.illegal_parameter,
          AlertDescription.access_denied ->
          "the server refused the PSK (identity '"
              + identity
              + "', key "
              + psk.describe()
              + "): wrong key or identity ("
              + who
              + " "
              + text
              + ")";
      default -> "the handshake failed: " + who + " " + text;
    };
  }

  private byte[] key() throws TlsHandshakeException {
    String hex;
    try {
      hex = psk.toSecret().reveal();
    } catch (IllegalStateException | UncheckedIOException e) {
      throw failed("the PSK " + psk.describe() + " cannot be read: " + e.getMessage(), null);
    }
    try {
      return PskKey.parse(hex);
    } catch (IllegalArgumentException e) {
      throw failed("the PSK " + psk.describe() + " is not usable: " + e.getMessage(), null);
    }
  }

  private TlsHandshakeException failed(String reason, Throwable cause) {
    return new TlsHandshakeException("TLS handshake with " + peer + " failed: " + reason, cause);
  }
}
