package io.netpool.monitor.zabbix.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netpool.monitor.inventory.ZabbixEndpoint;
import java.io.DataInputStream;
import java.io.IOException;
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
 * A minimal Zabbix trapper on 127.0.0.1 for the delivery test: it records every value (host, key,
 * value) it is sent and answers "all processed".
 */
final class MiniTrapper implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Value(String host, String key, String value) {}

  private final ServerSocket server;
  private final List<Value> values = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  MiniTrapper() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = Thread.ofVirtual().name("mini-trapper").start(this::acceptLoop);
  }

  ZabbixEndpoint endpoint() {
    return new ZabbixEndpoint("127.0.0.1", server.getLocalPort());
  }

  List<Value> values() {
    return List.copyOf(values);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        Thread.ofVirtual().start(() -> serve(s));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      DataInputStream in = new DataInputStream(s.getInputStream());
      byte[] header = new byte[13];
      in.readFully(header);
      int length = ByteBuffer.wrap(header, 5, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
      byte[] body = new byte[length];
      in.readFully(body);
      JsonNode request = JSON.readTree(body);
      int n = 0;
      for (JsonNode v : request.path("data")) {
        values.add(
            new Value(v.path("host").asText(), v.path("key").asText(), v.path("value").asText()));
        n++;
      }
      byte[] reply =
          ("{\"response\":\"success\",\"info\":\"processed: "
                  + n
                  + "; failed: 0; total: "
                  + n
                  + "; seconds spent: 0.000100\"}")
              .getBytes(StandardCharsets.UTF_8);
      ByteBuffer out = ByteBuffer.allocate(13 + reply.length).order(ByteOrder.LITTLE_ENDIAN);
      out.put("ZBXD".getBytes(StandardCharsets.US_ASCII))
          .put((byte) 1)
          .putInt(reply.length)
          .putInt(0);
      out.put(reply);
      OutputStream os = s.getOutputStream();
      os.write(out.array());
      os.flush();
    } catch (IOException e) {
      // the client went away; nothing to record
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    try {
      acceptor.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
