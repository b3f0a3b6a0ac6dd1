package io.netpool.monitor.zabbix.delivery;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netpool.monitor.zabbix.delivery.tls.TlsHandshakeException;
import io.netpool.monitor.zabbix.delivery.tls.TrapperConnector;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Client for the Zabbix trapper ("sender") protocol: one {@link #send} is one TCP connection, one
 * {@code sender data} request and one reply.
 *
 * <p>A fresh connection is opened for every request and closed after the reply: the server closes
 * its side after answering, so a pooled connection would be dead on reuse (the original's zapix
 * pool did exactly that and burned its retries on dead sockets).
 *
 * <p>Frame, both directions: {@code "ZBXD"}, one flags byte ({@code 0x01} Zabbix protocol, {@code
 * 0x02} zlib compressed, {@code 0x04} large packet), the data length and a reserved field (the
 * uncompressed length when compressed), each 4 bytes little-endian (8 with {@code 0x04}), then the
 * JSON. Requests are sent with flags {@code 0x01} (no compression); replies with any valid flag
 * combination are read.
 *
 * <p>Thread-safe: instances hold configuration only.
 */
public final class ZabbixSender {

  /** The trapper port of Zabbix server and proxy. */
  public static final int DEFAULT_PORT = 10051;

  /** Replies are about a hundred bytes; anything much larger is not a trapper reply. */
  public static final int DEFAULT_MAX_REPLY_BYTES = 1 << 20;

  static final byte[] MAGIC = {'Z', 'B', 'X', 'D'};
  static final int FLAG_PROTOCOL = 0x01;
  static final int FLAG_COMPRESSED = 0x02;
  static final int FLAG_LARGE = 0x04;
  static final int HEADER_LENGTH = 13;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory JSON_FACTORY = JSON.getFactory();

  private final String host;
  private final int port;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final int maxReplyBytes;
  private final Clock clock;
  private final TrapperConnector connector;

  /** A sender with the default reply size limit and the system clock. */
  public ZabbixSender(String host, int port, Duration connectTimeout, Duration readTimeout) {
    this(host, port, connectTimeout, readTimeout, DEFAULT_MAX_REPLY_BYTES, Clock.systemUTC());
  }

  /**
   * @param host server or proxy address (for a host monitored by a proxy: the proxy)
   * @param port trapper port, usually {@value #DEFAULT_PORT}
   * @param connectTimeout limit for establishing the TCP connection
   * @param readTimeout limit for the whole reply, counted from the end of the request
   * @param maxReplyBytes replies (compressed or uncompressed) larger than this are refused
   * @param clock source of the request's top-level {@code clock}/{@code ns}
   */
  public ZabbixSender(
      String host,
      int port,
      Duration connectTimeout,
      Duration readTimeout,
      int maxReplyBytes,
      Clock clock) {
    this(host, port, connectTimeout, readTimeout, maxReplyBytes, clock, TrapperConnector.PLAIN);
  }

  /**
   * As above, over {@code connector}'s streams (TLS: docs/zabbix.md, "TLS").
   *
   * @param connector plain or TLS; a failed handshake is a {@link ZabbixTlsException}
   */
  public ZabbixSender(
      String host,
      int port,
      Duration connectTimeout,
      Duration readTimeout,
      int maxReplyBytes,
      Clock clock,
      TrapperConnector connector) {
    this.connector = Objects.requireNonNull(connector, "connector");
    this.host = Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    this.port = port;
    this.connectTimeout = positive(connectTimeout, "connectTimeout");
    this.readTimeout = positive(readTimeout, "readTimeout");
    if (maxReplyBytes < 64) {
      throw new IllegalArgumentException("maxReplyBytes too small: " + maxReplyBytes);
    }
    this.maxReplyBytes = maxReplyBytes;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The configured server or proxy, as {@code host:port}. */
  public String target() {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }

  /**
   * Sends the values in one request and returns the server's counts.
   *
   * @throws ZabbixSenderException when no usable reply was received; see its subclasses
   */
  public SenderResponse send(List<ZabbixValue> values) throws ZabbixSenderException {
    return send(values, 0L);
  }

  /**
   * As {@link #send(List)}, but connect and read together end no later than {@code deadlineNanos}
   * (a {@link System#nanoTime()} value; 0 for no extra limit). Used by the sink while closing.
   */
  SenderResponse send(List<ZabbixValue> values, long deadlineNanos) throws ZabbixSenderException {
    Objects.requireNonNull(values, "values");
    byte[] frame = encodeRequest(values, clock.instant());
    try (Socket socket = new Socket()) {
      socket.setTcpNoDelay(true);
      connect(socket, deadlineNanos);
      TrapperConnector.Streams streams = handshake(socket, deadlineNanos);
      try {
        OutputStream out = streams.out();
        out.write(frame);
        out.flush();
      } catch (IOException e) {
        if (connector != TrapperConnector.PLAIN) {
          // TLS 1.3: the server checks our certificate after the client's handshake is done
          throw new ZabbixTlsException(
              "TLS connection to "
                  + target()
                  + " broke right after the handshake; the server may refuse this sender's"
                  + " certificate or identity: "
                  + e.getMessage(),
              e);
        }
        throw new ZabbixConnectionException(
            "writing the request to " + target() + " failed: " + e.getMessage(), e);
      }
      long readDeadline = System.nanoTime() + readTimeout.toNanos();
      if (deadlineNanos != 0 && deadlineNanos - readDeadline < 0) {
        readDeadline = deadlineNanos;
      }
      byte[] json = readReply(socket, streams.in(), readDeadline);
      return parseReply(json);
    } catch (IOException e) {
      if (e instanceof ZabbixSenderException z) {
        throw z;
      }
      // Socket creation or close: treat as a connection problem.
      throw new ZabbixConnectionException(
          "connection to " + target() + " failed: " + e.getMessage(), e);
    }
  }

  private void connect(Socket socket, long deadlineNanos) throws ZabbixSenderException {
    long timeoutNanos = connectTimeout.toNanos();
    if (deadlineNanos != 0) {
      timeoutNanos = Math.min(timeoutNanos, deadlineNanos - System.nanoTime());
      if (timeoutNanos <= 0) {
        throw new ZabbixTimeoutException("no time left to connect to " + target());
      }
    }
    InetSocketAddress address = new InetSocketAddress(host, port);
    if (address.isUnresolved()) {
      throw new ZabbixConnectionException("cannot resolve " + host, new UnknownHostException(host));
    }
    try {
      socket.connect(address, toMillis(timeoutNanos));
    } catch (SocketTimeoutException e) {
      throw new ZabbixTimeoutException(
          "connect to " + target() + " timed out after " + Duration.ofNanos(timeoutNanos), e);
    } catch (IOException e) {
      throw new ZabbixConnectionException(
          "cannot connect to " + target() + ": " + e.getMessage(), e);
    }
  }

  /** The request's streams: the socket's, or TLS over it (bounded by the read timeout). */
  private TrapperConnector.Streams handshake(Socket socket, long deadlineNanos)
      throws ZabbixSenderException {
    long timeoutNanos = readTimeout.toNanos();
    if (deadlineNanos != 0) {
      timeoutNanos = Math.min(timeoutNanos, deadlineNanos - System.nanoTime());
    }
    try {
      socket.setSoTimeout(toMillis(timeoutNanos));
      return connector.open(socket, host, port);
    } catch (TlsHandshakeException e) {
      throw new ZabbixTlsException(e.getMessage(), e);
    } catch (SocketTimeoutException e) {
      throw new ZabbixTimeoutException(
          "TLS handshake with " + target() + " timed out after " + Duration.ofNanos(timeoutNanos),
          e);
    } catch (IOException e) {
      throw new ZabbixConnectionException(
          "connection to " + target() + " broke before the request: " + e.getMessage(), e);
    }
  }

  /** Reads one framed reply and returns its (decompressed) JSON bytes. */
  private byte[] readReply(Socket socket, InputStream in, long deadlineNanos)
      throws ZabbixSenderException {
    byte[] head = new byte[5];
    int got = readFully(socket, in, head, deadlineNanos, true);
    if (got == 0) {
      String refusal = connector.silentRefusal();
      if (refusal != null) {
        throw new ZabbixTlsException(refusal);
      }
      throw new ZabbixProtocolException(
          "server " + target() + " closed the connection without a reply");
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (head[i] != MAGIC[i]) {
        throw new ZabbixProtocolException(
            "bad reply header from " + target() + ": expected ZBXD, got 0x" + hex(head, 4));
      }
    }
    int flags = head[4] & 0xff;
    if ((flags & FLAG_PROTOCOL) == 0
        || (flags & ~(FLAG_PROTOCOL | FLAG_COMPRESSED | FLAG_LARGE)) != 0) {
      throw new ZabbixProtocolException(
          "bad reply header from " + target() + ": flags 0x" + Integer.toHexString(flags));
    }
    int fieldSize = (flags & FLAG_LARGE) != 0 ? 8 : 4;
    byte[] lengths = new byte[2 * fieldSize];
    readFully(socket, in, lengths, deadlineNanos, false);
    ByteBuffer lb = ByteBuffer.wrap(lengths).order(ByteOrder.LITTLE_ENDIAN);
    long dataLength = fieldSize == 8 ? lb.getLong() : Integer.toUnsignedLong(lb.getInt());
    long reserved = fieldSize == 8 ? lb.getLong() : Integer.toUnsignedLong(lb.getInt());
    if (dataLength < 0 || dataLength > maxReplyBytes) {
      throw new ZabbixProtocolException(
          "reply from "
              + target()
              + " announces "
              + Long.toUnsignedString(dataLength)
              + " bytes, more than the limit of "
              + maxReplyBytes);
    }
    boolean compressed = (flags & FLAG_COMPRESSED) != 0;
    if (compressed && (reserved < 0 || reserved > maxReplyBytes)) {
      throw new ZabbixProtocolException(
          "compressed reply from "
              + target()
              + " expands to "
              + Long.toUnsignedString(reserved)
              + " bytes, more than the limit of "
              + maxReplyBytes);
    }
    byte[] data = new byte[(int) dataLength];
    readFully(socket, in, data, deadlineNanos, false);
    return compressed ? inflate(data, (int) reserved) : data;
  }

  /**
   * Fills {@code buf}, giving up at the deadline.
   *
   * @param eofAtStartAllowed when true an immediate EOF returns 0 instead of failing
   * @return bytes read: {@code buf.length}, or 0 for an allowed immediate EOF
   */
  private int readFully(
      Socket socket, InputStream in, byte[] buf, long deadlineNanos, boolean eofAtStartAllowed)
      throws ZabbixSenderException {
    int off = 0;
    while (off < buf.length) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        throw readTimeout(off, buf.length, null);
      }
      int n;
      try {
        socket.setSoTimeout(toMillis(left));
        n = in.read(buf, off, buf.length - off);
      } catch (SocketTimeoutException e) {
        throw readTimeout(off, buf.length, e);
      } catch (javax.net.ssl.SSLException e) {
        // TLS 1.3: a server that refuses our certificate says so with an alert that may arrive
        // only once we read, after the request was written
        throw new ZabbixTlsException(
            "TLS connection to "
                + target()
                + " was refused by the server after the handshake (its alert: "
                + e.getMessage()
                + "); it may refuse this sender's certificate or identity",
            e);
      } catch (IOException e) {
        throw new ZabbixProtocolException(
            "reading the reply from " + target() + " failed: " + e.getMessage(), e);
      }
      if (n < 0) {
        if (off == 0 && eofAtStartAllowed) {
          return 0;
        }
        throw new ZabbixProtocolException(
            "reply from " + target() + " truncated: connection closed after a partial reply",
            new EOFException());
      }
      off += n;
    }
    return off;
  }

  private ZabbixTimeoutException readTimeout(int got, int wanted, Throwable cause) {
    return new ZabbixTimeoutException(
        "no complete reply from "
            + target()
            + " within "
            + readTimeout
            + " (had "
            + got
            + " of "
            + wanted
            + " bytes of the current part)",
        cause);
  }

  private byte[] inflate(byte[] data, int expected) throws ZabbixProtocolException {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(data);
      byte[] out = new byte[expected];
      int n = 0;
      while (n < expected && !inflater.finished()) {
        int k = inflater.inflate(out, n, expected - n);
        if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        n += k;
      }
      if (n != expected || !inflater.finished()) {
        throw new ZabbixProtocolException(
            "compressed reply from "
                + target()
                + " does not inflate to the announced "
                + expected
                + " bytes");
      }
      return out;
    } catch (DataFormatException e) {
      throw new ZabbixProtocolException(
          "compressed reply from " + target() + " is not valid zlib data", e);
    } finally {
      inflater.end();
    }
  }

  private SenderResponse parseReply(byte[] json) throws ZabbixSenderException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new ZabbixProtocolException(
          "reply from " + target() + " is not JSON: " + preview(json), e);
    }
    if (root == null || !root.isObject()) {
      throw new ZabbixProtocolException(
          "reply from " + target() + " is not a JSON object: " + preview(json));
    }
    JsonNode responseNode = root.get("response");
    JsonNode infoNode = root.get("info");
    String response =
        responseNode != null && responseNode.isTextual() ? responseNode.asText() : null;
    String info = infoNode != null && infoNode.isTextual() ? infoNode.asText() : null;
    if (!"success".equals(response)) {
      throw new ZabbixResponseException(
          "server " + target() + " answered response=" + response + ", info=" + info,
          response,
          info);
    }
    if (info == null) {
      throw new ZabbixProtocolException(
          "reply from " + target() + " has no info string: " + preview(json));
    }
    return SenderResponse.parseInfo(info)
        .orElseThrow(
            () ->
                new ZabbixProtocolException(
                    "reply from " + target() + " has an info string of unknown shape: " + info));
  }

  /**
   * The complete request frame: header ({@code ZBXD}, flags {@code 0x01}, little-endian length,
   * zero reserved field) and the {@code sender data} JSON. Values are JSON strings; {@code
   * clock}/{@code ns} per value when the value has a clock, and top-level {@code clock}/{@code ns}
   * for the send time (the server uses it to correct clock skew).
   */
  static byte[] encodeRequest(List<ZabbixValue> values, Instant now) {
    ByteArrayOutputStream json = new ByteArrayOutputStream(64 + values.size() * 96);
    try (JsonGenerator g = JSON_FACTORY.createGenerator(json, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("request", "sender data");
      g.writeArrayFieldStart("data");
      for (ZabbixValue v : values) {
        g.writeStartObject();
        g.writeStringField("host", v.host());
        g.writeStringField("key", v.key());
        g.writeStringField("value", v.value());
        if (v.clock() != null) {
          g.writeNumberField("clock", v.clock().getEpochSecond());
          g.writeNumberField("ns", v.clock().getNano());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeNumberField("clock", now.getEpochSecond());
      g.writeNumberField("ns", now.getNano());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot happen: writing JSON to memory", e);
    }
    byte[] body = json.toByteArray();
    ByteBuffer frame = ByteBuffer.allocate(HEADER_LENGTH + body.length);
    frame.order(ByteOrder.LITTLE_ENDIAN);
    frame.put(MAGIC).put((byte) FLAG_PROTOCOL).putInt(body.length).putInt(0).put(body);
    return frame.array();
  }

  private static int toMillis(long nanos) {
    long ms = Math.max(1, (nanos + 999_999) / 1_000_000);
    return (int) Math.min(Integer.MAX_VALUE, ms);
  }

  private static Duration positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
    return d;
  }

  private static String hex(byte[] b, int n) {
    return HexFormat.of().formatHex(b, 0, n);
  }

  private static String preview(byte[] json) {
    String s = new String(json, 0, Math.min(json.length, 200), StandardCharsets.UTF_8);
    return json.length > 200 ? s + "..." : s;
  }
}
