package io.netpool.monitor.it.zabbix;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Tells whether the server's configuration cache knows an item yet, by sending it one value over
 * the trapper protocol and reading {@code processed: 1}. Written here, independent of the
 * production sender, so that tests of that sender do not depend on it for their set-up.
 */
public final class TrapperProbe {

  private static final int TIMEOUT_MS = 5_000;
  private static final int MAX_REPLY = 64 * 1024;

  private final String host;
  private final int port;

  public TrapperProbe(String host, int port) {
    this.host = host;
    this.port = port;
  }

  /** True when the server accepted a value for {@code zabbixHost}/{@code key}. */
  public boolean accepts(String zabbixHost, String key, String value) {
    try {
      return info(zabbixHost, key, value).contains("processed: 1;");
    } catch (IOException e) {
      return false; // not up, or closed early: the caller polls again
    }
  }

  /** Sends one value and returns the reply's {@code info}. */
  public String info(String zabbixHost, String key, String value) throws IOException {
    byte[] json =
        ZabbixJsonRpc.JSON.writeValueAsBytes(
            Map.of(
                "request",
                "sender data",
                "data",
                List.of(Map.of("host", zabbixHost, "key", key, "value", value))));
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
      socket.setSoTimeout(TIMEOUT_MS);
      OutputStream out = socket.getOutputStream();
      out.write(header(json.length));
      out.write(json);
      out.flush();
      JsonNode reply = ZabbixJsonRpc.JSON.readTree(readReply(socket.getInputStream()));
      return reply.path("info").asText();
    }
  }

  /** "ZBXD", flags 0x01 (plain), 4-byte little-endian length, 4 reserved zero bytes. */
  private static byte[] header(int length) {
    return ByteBuffer.allocate(13)
        .order(ByteOrder.LITTLE_ENDIAN)
        .put("ZBXD".getBytes(StandardCharsets.US_ASCII))
        .put((byte) 0x01)
        .putInt(length)
        .putInt(0)
        .array();
  }

  private static byte[] readReply(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    byte[] header = new byte[13];
    data.readFully(header);
    ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
    if (h.get(0) != 'Z' || h.get(1) != 'B' || h.get(2) != 'X' || h.get(3) != 'D') {
      throw new IOException("reply does not start with ZBXD");
    }
    if (h.get(4) != 0x01) {
      throw new IOException("unexpected reply flags 0x" + Integer.toHexString(h.get(4)));
    }
    int length = h.getInt(5);
    if (length < 0 || length > MAX_REPLY) {
      throw new IOException("reply length out of range: " + length);
    }
    byte[] body = new byte[length];
    data.readFully(body);
    return body;
  }
}
