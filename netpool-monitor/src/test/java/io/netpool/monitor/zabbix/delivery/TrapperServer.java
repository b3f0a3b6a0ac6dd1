package io.netpool.monitor.zabbix.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;

/**
 * A fake Zabbix trapper on 127.0.0.1 for tests. It reads each request byte by byte and checks the
 * wire format strictly (magic, flags 0x01, little-endian length equal to the JSON's byte count,
 * zero reserved field, no trailing bytes, {@code sender data} JSON with string values and integer
 * clock/ns); any deviation is recorded in {@link #violations()}. Each connection's answer comes
 * from the script (first come, first served) or else from the fallback (default: all processed).
 */
final class TrapperServer implements AutoCloseable {

  /** One value as received. */
  record Item(String host, String key, String value, long clock, long ns) {}

  /** One request as received, and how it was answered. */
  record Request(int connection, List<Item> items, long clock, long ns, String answeredWith) {}

  /** How to answer one connection. */
  sealed interface Behaviour {}

  /** Reply success with this info; null info means "all processed". */
  record Reply(String response, String info, boolean compressed) implements Behaviour {}

  /** Reply success, reporting this many values as failed. */
  record FailSome(int failed) implements Behaviour {}

  /** Send these raw bytes, then close. */
  record Raw(byte[] bytes) implements Behaviour {}

  /** Close without replying. */
  record Close() implements Behaviour {}

  /** Read the request, then hold the connection open without replying until the server closes. */
  record Stall() implements Behaviour {}

  static Behaviour success() {
    return new Reply("success", null, false);
  }

  static Behaviour info(String info) {
    return new Reply("success", info, false);
  }

  static Behaviour compressed(String info) {
    return new Reply("success", info, true);
  }

  static Behaviour response(String response, String info) {
    return new Reply(response, info, false);
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> TOP_FIELDS = Set.of("request", "data", "clock", "ns");
  private static final Set<String> ITEM_FIELDS = Set.of("host", "key", "value", "clock", "ns");

  private final ServerSocket serverSocket;
  private final ConcurrentLinkedQueue<Behaviour> script = new ConcurrentLinkedQueue<>();
  private volatile Behaviour fallback = success();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<Long> connectNanos = new CopyOnWriteArrayList<>();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final List<Socket> open = new CopyOnWriteArrayList<>();

  private TrapperServer(ServerSocket serverSocket) {
    this.serverSocket = serverSocket;
    Thread.ofVirtual().name("trapper-accept").start(this::acceptLoop);
  }

  /** On a free port. */
  static TrapperServer start() throws IOException {
    return start(0);
  }

  /** On the given port (0 for any). */
  static TrapperServer start(int port) throws IOException {
    ServerSocket ss = new ServerSocket();
    ss.setReuseAddress(true);
    ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    return new TrapperServer(ss);
  }

  /** A port with nothing listening (at the moment of the call). */
  static int freePort() throws IOException {
    try (ServerSocket ss = new ServerSocket()) {
      ss.setReuseAddress(true);
      ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return ss.getLocalPort();
    }
  }

  int port() {
    return serverSocket.getLocalPort();
  }

  TrapperServer script(Behaviour... behaviours) {
    script.addAll(List.of(behaviours));
    return this;
  }

  TrapperServer fallback(Behaviour behaviour) {
    fallback = behaviour;
    return this;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Items of requests that were answered with success (in order of arrival). */
  List<Item> acknowledgedItems() {
    List<Item> out = new ArrayList<>();
    for (Request r : requests) {
      if (r.answeredWith().startsWith("success")) {
        out.addAll(r.items());
      }
    }
    return out;
  }

  List<String> acknowledgedValues() {
    return acknowledgedItems().stream().map(Item::value).toList();
  }

  List<Long> connectNanos() {
    return List.copyOf(connectNanos);
  }

  List<String> violations() {
    return List.copyOf(violations);
  }

  int connections() {
    return connections.get();
  }

  @Override
  public void close() throws IOException {
    closed.countDown();
    serverSocket.close();
    for (Socket s : open) {
      s.close();
    }
  }

  private void acceptLoop() {
    while (!serverSocket.isClosed()) {
      Socket s;
      try {
        s = serverSocket.accept();
      } catch (IOException e) {
        return;
      }
      connectNanos.add(System.nanoTime());
      int n = connections.incrementAndGet();
      open.add(s);
      Thread.ofVirtual().name("trapper-conn-" + n).start(() -> handle(s, n));
    }
  }

  private void handle(Socket socket, int connection) {
    try (socket) {
      socket.setSoTimeout(10_000);
      InputStream in = socket.getInputStream();
      List<Item> items = new ArrayList<>();
      long[] clockNs = new long[2];
      if (!readRequest(in, connection, items, clockNs)) {
        return;
      }
      Behaviour b = script.poll();
      if (b == null) {
        b = fallback;
      }
      // Recorded before answering, so a client that has its reply sees the request here.
      requests.add(
          new Request(connection, List.copyOf(items), clockNs[0], clockNs[1], describe(b)));
      answer(socket.getOutputStream(), b, items.size());
      if (b instanceof Stall) {
        closed.await();
      }
    } catch (SocketException e) {
      // closed by the client or by close()
    } catch (IOException | InterruptedException e) {
      violations.add("connection " + connection + ": " + e);
    }
  }

  /** Parses and checks one request; false (with a violation recorded) when it is malformed. */
  private boolean readRequest(InputStream in, int connection, List<Item> items, long[] clockNs)
      throws IOException {
    String where = "connection " + connection + ": ";
    byte[] magic = {'Z', 'B', 'X', 'D'};
    for (int i = 0; i < 4; i++) {
      int b = in.read();
      if (b != magic[i]) {
        violations.add(where + "magic byte " + i + " is " + b + ", expected " + magic[i]);
        return false;
      }
    }
    int flags = in.read();
    if (flags != 0x01) {
      violations.add(where + "flags " + flags + ", expected 0x01");
      return false;
    }
    long length = 0;
    for (int i = 0; i < 4; i++) {
      int b = in.read();
      if (b < 0) {
        violations.add(where + "EOF in length");
        return false;
      }
      length |= ((long) b) << (8 * i);
    }
    for (int i = 0; i < 4; i++) {
      int b = in.read();
      if (b != 0) {
        violations.add(where + "reserved byte " + i + " is " + b + ", expected 0");
        return false;
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (long i = 0; i < length; i++) {
      int b = in.read();
      if (b < 0) {
        violations.add(where + "EOF after " + i + " of " + length + " announced bytes");
        return false;
      }
      body.write(b);
    }
    if (in.available() > 0) {
      violations.add(where + in.available() + " bytes after the announced length");
      return false;
    }
    byte[] json = body.toByteArray();
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      violations.add(where + "not JSON: " + new String(json, StandardCharsets.UTF_8));
      return false;
    }
    int before = violations.size();
    if (root == null || !root.isObject()) {
      violations.add(where + "not an object");
      return false;
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!TOP_FIELDS.contains(f)) {
        violations.add(where + "unexpected top-level field " + f);
      }
    }
    if (!"sender data".equals(root.path("request").asText(null))) {
      violations.add(where + "request is " + root.get("request"));
    }
    JsonNode clock = root.get("clock");
    JsonNode ns = root.get("ns");
    if (clock == null || !clock.isIntegralNumber() || ns == null || !ns.isIntegralNumber()) {
      violations.add(where + "top-level clock/ns missing or not integers");
    } else {
      long now = Instant.now().getEpochSecond();
      if (Math.abs(clock.asLong() - now) > 60) {
        violations.add(where + "top-level clock " + clock + " is far from now " + now);
      }
      if (ns.asLong() < 0 || ns.asLong() > 999_999_999) {
        violations.add(where + "top-level ns out of range: " + ns);
      }
      clockNs[0] = clock.asLong();
      clockNs[1] = ns.asLong();
    }
    JsonNode data = root.get("data");
    if (data == null || !data.isArray()) {
      violations.add(where + "data is not an array");
      return false;
    }
    for (JsonNode d : data) {
      for (Iterator<String> it = d.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!ITEM_FIELDS.contains(f)) {
          violations.add(where + "unexpected item field " + f);
        }
      }
      for (String f : List.of("host", "key", "value")) {
        if (!d.path(f).isTextual()) {
          violations.add(where + f + " is not a JSON string: " + d);
        }
      }
      JsonNode c = d.get("clock");
      JsonNode n = d.get("ns");
      if (c == null && n == null) {
        // allowed: the server stamps the value with its receive time
      } else if (c == null || !c.isIntegralNumber() || n == null || !n.isIntegralNumber()) {
        violations.add(where + "item clock/ns incomplete or not integers: " + d);
      } else if (n.asLong() < 0 || n.asLong() > 999_999_999) {
        violations.add(where + "item ns out of range: " + d);
      }
      items.add(
          new Item(
              d.path("host").asText(),
              d.path("key").asText(),
              d.path("value").asText(),
              d.path("clock").asLong(-1),
              d.path("ns").asLong(-1)));
    }
    return violations.size() == before;
  }

  private static String describe(Behaviour b) {
    return switch (b) {
      case Reply r -> r.response() + (r.compressed() ? " (compressed)" : "");
      case FailSome f -> "success (failed " + f.failed() + ")";
      case Raw raw -> "raw";
      case Close c -> "closed";
      case Stall st -> "stalled";
    };
  }

  private static void answer(OutputStream out, Behaviour b, int count) throws IOException {
    switch (b) {
      case Reply r -> {
        String info =
            r.info() != null
                ? r.info()
                : String.format(
                    Locale.ROOT,
                    "processed: %d; failed: 0; total: %d; seconds spent: 0.000055",
                    count,
                    count);
        String json =
            JSON.writeValueAsString(
                JSON.createObjectNode().put("response", r.response()).put("info", info));
        out.write(r.compressed() ? compressedFrame(json) : frame(json));
        out.flush();
      }
      case FailSome f -> {
        String info =
            String.format(
                Locale.ROOT,
                "processed: %d; failed: %d; total: %d; seconds spent: 0.000100",
                count - f.failed(),
                f.failed(),
                count);
        out.write(frame("{\"response\":\"success\",\"info\":\"" + info + "\"}"));
        out.flush();
      }
      case Raw raw -> {
        out.write(raw.bytes());
        out.flush();
      }
      case Close c -> {}
      case Stall st -> {}
    }
  }

  /** A reply frame with flags 0x01. */
  static byte[] frame(String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(13 + body.length)
        .order(ByteOrder.LITTLE_ENDIAN)
        .put(new byte[] {'Z', 'B', 'X', 'D', 0x01})
        .putInt(body.length)
        .putInt(0)
        .put(body)
        .array();
  }

  /** A reply frame with flags 0x03: zlib data, reserved field = uncompressed length. */
  static byte[] compressedFrame(String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    Deflater deflater = new Deflater();
    deflater.setInput(body);
    deflater.finish();
    byte[] buf = new byte[body.length + 64];
    int n = deflater.deflate(buf);
    deflater.end();
    return ByteBuffer.allocate(13 + n)
        .order(ByteOrder.LITTLE_ENDIAN)
        .put(new byte[] {'Z', 'B', 'X', 'D', 0x03})
        .putInt(n)
        .putInt(body.length)
        .put(buf, 0, n)
        .array();
  }

  /** A reply frame with flags 0x05: 8-byte length fields. */
  static byte[] largeFrame(String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(21 + body.length)
        .order(ByteOrder.LITTLE_ENDIAN)
        .put(new byte[] {'Z', 'B', 'X', 'D', 0x05})
        .putLong(body.length)
        .putLong(0)
        .put(body)
        .array();
  }
}
