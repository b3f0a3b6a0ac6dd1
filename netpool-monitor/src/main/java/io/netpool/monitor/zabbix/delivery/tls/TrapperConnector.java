package io.netpool.monitor.zabbix.delivery.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * Turns a connected socket into the byte streams of one trapper request: as is, or after a TLS
 * handshake. The socket's read timeout bounds the handshake; closing the socket ends everything.
 */
public interface TrapperConnector {

  /** No encryption: the socket's own streams. */
  TrapperConnector PLAIN =
      (socket, host, port) -> new Streams(socket.getInputStream(), socket.getOutputStream());

  /**
   * The request's streams over {@code socket}.
   *
   * @param host the configured server or proxy host (TLS server name)
   * @param port its port
   * @throws TlsHandshakeException when the handshake or the server check fails; other IOExceptions
   *     for a broken connection or a timeout
   */
  Streams open(Socket socket, String host, int port) throws IOException;

  /**
   * What it means when the server closes the connection without a reply after a successful
   * handshake, naming the server; null when that says nothing about TLS.
   */
  default String silentRefusal() {
    return null;
  }

  /** One connection's input and output. */
  record Streams(InputStream in, OutputStream out) {}
}
