package io.netpool.monitor.zabbix.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ZabbixSenderTest {

  private static final Instant T = Instant.parse("2025-06-01T10:15:30.123456789Z");

  private TrapperServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = TrapperServer.start();
  }

  @AfterEach
  void stopServer() throws Exception {
    server.close();
  }

  private ZabbixSender sender() {
    return sender(Duration.ofSeconds(5));
  }

  private ZabbixSender sender(Duration readTimeout) {
    return new ZabbixSender("127.0.0.1", server.port(), Duration.ofSeconds(2), readTimeout);
  }

  @Test
  void singleValueRoundTrip() throws Exception {
    SenderResponse r =
        sender().send(List.of(new ZabbixValue("10.0.0.1", "netpool.ping.loss", "20.00", T)));

    assertThat(r).isEqualTo(new SenderResponse(1, 0, 1, 0.000055));
    assertThat(server.violations()).isEmpty();
    assertThat(server.requests()).hasSize(1);
    assertThat(server.requests().get(0).items())
        .containsExactly(
            new TrapperServer.Item(
                "10.0.0.1", "netpool.ping.loss", "20.00", T.getEpochSecond(), 123_456_789));
  }

  @Test
  void frameHasZbxdFlagsLittleEndianLengthAndZeroReserved() {
    Instant now = Instant.ofEpochSecond(1_700_000_000L, 5);
    byte[] frame = ZabbixSender.encodeRequest(List.of(new ZabbixValue("h", "k", "1", T)), now);

    assertThat(Arrays.copyOf(frame, 5)).isEqualTo(new byte[] {'Z', 'B', 'X', 'D', 0x01});
    ByteBuffer b = ByteBuffer.wrap(frame, 5, 8).order(ByteOrder.LITTLE_ENDIAN);
    int length = b.getInt();
    assertThat(length).isEqualTo(frame.length - 13);
    assertThat(b.getInt()).isZero();
    assertThat(new String(frame, 13, length, StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"request\":\"sender data\",\"data\":[{\"host\":\"h\",\"key\":\"k\",\"value\":\"1\","
                + "\"clock\":"
                + T.getEpochSecond()
                + ",\"ns\":123456789}],\"clock\":1700000000,\"ns\":5}");
  }

  @Test
  void nonAsciiTextIsCountedInBytesAndAValueWithoutClockHasNoClockFields() throws Exception {
    // The server reads exactly the announced bytes; a char count would truncate the JSON.
    sender()
        .send(
            List.of(
                new ZabbixValue("höst-ü", "netpool.ping.error", "ошибка €", T),
                new ZabbixValue("h", "k", "v", null)));

    assertThat(server.violations()).isEmpty();
    assertThat(server.requests().get(0).items())
        .containsExactly(
            new TrapperServer.Item(
                "höst-ü", "netpool.ping.error", "ошибка €", T.getEpochSecond(), 123_456_789),
            new TrapperServer.Item("h", "k", "v", -1, -1));
  }

  @Test
  void topLevelClockComesFromTheClock() throws Exception {
    Instant now = Instant.now().plusNanos(7);
    ZabbixSender s =
        new ZabbixSender(
            "127.0.0.1",
            server.port(),
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            4096,
            Clock.fixed(now, ZoneOffset.UTC));
    s.send(List.of(new ZabbixValue("h", "k", "v", T)));

    assertThat(server.requests().get(0).clock()).isEqualTo(now.getEpochSecond());
    assertThat(server.requests().get(0).ns()).isEqualTo(now.getNano());
  }

  @Test
  void failedCountsFromTheReplyAreReturned() throws Exception {
    server.script(TrapperServer.info("processed: 1; failed: 2; total: 3; seconds spent: 0.000123"));

    SenderResponse r =
        sender()
            .send(
                List.of(
                    new ZabbixValue("h", "a", "1", T),
                    new ZabbixValue("h", "b", "2", T),
                    new ZabbixValue("h", "c", "3", T)));

    assertThat(r).isEqualTo(new SenderResponse(1, 2, 3, 0.000123));
    assertThat(r.allProcessed()).isFalse();
  }

  @Test
  void compressedReplyIsInflated() throws Exception {
    server.script(
        TrapperServer.compressed("processed: 2; failed: 0; total: 2; seconds spent: 0.000055"));

    SenderResponse r =
        sender()
            .send(List.of(new ZabbixValue("h", "a", "1", T), new ZabbixValue("h", "b", "2", T)));

    assertThat(r).isEqualTo(new SenderResponse(2, 0, 2, 0.000055));
  }

  @Test
  void largePacketReplyWithEightByteLengthsIsRead() throws Exception {
    server.script(
        new TrapperServer.Raw(
            TrapperServer.largeFrame(
                "{\"response\":\"success\",\"info\":\"processed: 1; failed: 0; total: 1;"
                    + " seconds spent: 0.1\"}")));

    assertThat(sender().send(List.of(new ZabbixValue("h", "a", "1", T))))
        .isEqualTo(new SenderResponse(1, 0, 1, 0.1));
  }

  @Test
  void oldStyleInfoIsAccepted() {
    assertThat(SenderResponse.parseInfo("Processed 250 Failed 1 Total 251 Seconds spent 0.002668"))
        .contains(new SenderResponse(250, 1, 251, 0.002668));
    assertThat(SenderResponse.parseInfo("processed: 0; failed: 0; total: 0; seconds spent: 0"))
        .contains(new SenderResponse(0, 0, 0, 0.0));
    assertThat(SenderResponse.parseInfo("all good")).isEmpty();
  }

  @Test
  void freshConnectionPerRequest() throws Exception {
    ZabbixSender s = sender();
    for (int i = 0; i < 3; i++) {
      s.send(List.of(new ZabbixValue("h", "k", Integer.toString(i), T)));
    }

    assertThat(server.connections()).isEqualTo(3);
    assertThat(server.acknowledgedValues()).containsExactly("0", "1", "2");
  }

  @Test
  void connectionRefusedIsAConnectionException() throws Exception {
    int port = TrapperServer.freePort();
    ZabbixSender s =
        new ZabbixSender("127.0.0.1", port, Duration.ofSeconds(2), Duration.ofSeconds(2));

    assertThatThrownBy(() -> s.send(List.of(new ZabbixValue("h", "k", "v", T))))
        .isInstanceOf(ZabbixConnectionException.class)
        .hasMessageContaining("127.0.0.1:" + port)
        .satisfies(e -> assertThat(((ZabbixSenderException) e).retryable()).isTrue());
  }

  @Test
  void stalledServerHitsTheReadTimeout() throws Exception {
    server.script(new TrapperServer.Stall());
    long start = System.nanoTime();

    assertThatThrownBy(
            () -> sender(Duration.ofMillis(300)).send(List.of(new ZabbixValue("h", "k", "v", T))))
        .isInstanceOf(ZabbixTimeoutException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(290))
        .isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void garbageReplyIsAProtocolException() {
    server.script(
        new TrapperServer.Raw(
            "HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));

    assertThatThrownBy(() -> sender().send(List.of(new ZabbixValue("h", "k", "v", T))))
        .isInstanceOf(ZabbixProtocolException.class)
        .hasMessageContaining("bad reply header");
  }

  @Test
  void badFlagsAreAProtocolException() {
    byte[] f = TrapperServer.frame("{\"response\":\"success\",\"info\":\"x\"}");
    f[4] = 0x08;
    server.script(new TrapperServer.Raw(f));

    assertThatThrownBy(() -> sender().send(List.of(new ZabbixValue("h", "k", "v", T))))
        .isInstanceOf(ZabbixProtocolException.class)
        .hasMessageContaining("flags");
  }

  @Test
  void closedWithoutReplyIsAProtocolException() {
    server.script(new TrapperServer.Close());

    assertThatThrownBy(() -> sender().send(List.of(new ZabbixValue("h", "k", "v", T))))
        .isInstanceOf(ZabbixProtocolException.class)
        .hasMessageContaining("without a reply");
  }

  @Test
  void truncatedReplyIsAProtocolException() {
    byte[] f =
        TrapperServer.frame(
            "{\"response\":\"success\",\"info\":\"processed: 1; failed: 0; total: 1;"
                + " seconds spent: 0.1\"}");
    server.script(new TrapperServer.Raw(Arrays.copyOf(f, f.length - 5)));

    assertThatThrownBy(() -> sender().send(List.of(new ZabbixValue("h", "k", "v", T))))
        .isInstanceOf(ZabbixProtocolException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void oversizeReplyIsRefusedBeforeReadingIt() {
    byte[] head =
        ByteBuffer.allocate(13)
            .order(ByteOrder.LITTLE_ENDIAN)
            .put(new byte[] {'Z', 'B', 'X', 'D', 0x01})
            .putInt(10_000_000)
            .putInt(0)
            .array();
    server.script(new TrapperServer.Raw(head));
    ZabbixSender s =
        new ZabbixSender(
            "127.0.0.1",
            server.port(),
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            4096,
            Clock.systemUTC());

    assertThatThrownBy(() -> s.send(List.of(new ZabbixValue("h", "k", "v", T))))
        .isInstanceOf(ZabbixProtocolException.class)
        .hasMessageContaining("10000000 bytes, more than the limit of 4096");
  }

  @Test
  void nonSuccessResponseIsAResponseException() {
    server.script(TrapperServer.response("failed", "cannot parse data"));

    assertThatThrownBy(() -> sender().send(List.of(new ZabbixValue("h", "k", "v", T))))
        .isInstanceOfSatisfying(
            ZabbixResponseException.class,
            e -> {
              assertThat(e.response()).isEqualTo("failed");
              assertThat(e.info()).isEqualTo("cannot parse data");
              assertThat(e.retryable()).isFalse();
            });
  }

  @Test
  void successWithUnreadableInfoIsAProtocolException() {
    server.script(TrapperServer.info("everything is fine"));

    assertThatThrownBy(() -> sender().send(List.of(new ZabbixValue("h", "k", "v", T))))
        .isInstanceOf(ZabbixProtocolException.class)
        .hasMessageContaining("everything is fine");
  }

  @Test
  void replyThatIsNotJsonIsAProtocolException() {
    server.script(new TrapperServer.Raw(TrapperServer.frame("<html>")));

    assertThatThrownBy(() -> sender().send(List.of(new ZabbixValue("h", "k", "v", T))))
        .isInstanceOf(ZabbixProtocolException.class);
  }
}
