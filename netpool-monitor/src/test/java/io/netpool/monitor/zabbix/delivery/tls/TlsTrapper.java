package io.netpool.monitor.zabbix.delivery.tls;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A trapper behind TLS for tests: each connection is wrapped by {@code tls} (the server side of a
 * handshake), then one request is read and answered with success. Handshake failures are kept.
 */
final class TlsTrapper implements AutoCloseable {

  /** The server side of a handshake. */
  interface ServerTls {
    TrapperConnector.Streams accept(Socket socket) throws IOException;
  }

  private final ServerSocket server;
  private final ServerTls tls;
  private final Thread thread;
  final List<String> requests = new CopyOnWriteArrayList<>();
  final List<Exception> failures = new CopyOnWriteArrayList<>();

  TlsTrapper(ServerSocket server, ServerTls tls) {
    this.server = server;
    this.tls = tls;
    this.thread = Thread.ofVirtual().name("tls-trapper").start(this::run);
  }

  static TlsTrapper start(ServerTls tls) throws IOException {
    return new TlsTrapper(new ServerSocket(0, 10, InetAddress.getLoopbackAddress()), tls);
  }

  int port() {
    return server.getLocalPort();
  }

  private void run() {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        s.setSoTimeout(5000);
        try {
          TrapperConnector.Streams streams = tls.accept(s);
          serve(streams.in(), streams.out());
        } catch (Exception e) {
          failures.add(e);
        }
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(InputStream in, OutputStream out) throws IOException {
    DataInputStream d = new DataInputStream(in);
    byte[] head = new byte[13];
    d.readFully(head);
    int length = ByteBuffer.wrap(head, 5, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    byte[] body = new byte[length];
    d.readFully(body);
    requests.add(new String(body, StandardCharsets.UTF_8));
    byte[] reply =
        "{\"response\":\"success\",\"info\":\"processed: 1; failed: 0; total: 1; seconds spent: 0.0001\"}"
            .getBytes(StandardCharsets.UTF_8);
    ByteBuffer f = ByteBuffer.allocate(13 + reply.length).order(ByteOrder.LITTLE_ENDIAN);
    f.put(new byte[] {'Z', 'B', 'X', 'D', 1}).putInt(reply.length).putInt(0).put(reply);
    out.write(f.array());
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
