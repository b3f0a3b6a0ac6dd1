package io.netpool.monitor.zabbix.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.ping.PingResult;
import io.netpool.monitor.ping.PingStatus;
import io.netpool.monitor.ping.RttStats;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PingResultItemsTest {

  private static final Instant T = Instant.parse("2025-06-01T10:15:30Z");
  private final PingResultItems items = new PingResultItems(ZabbixItemKeys.defaults());

  static PingResult degraded() {
    return new PingResult(
        5,
        4,
        new BigDecimal("20.00"),
        new BigDecimal("1"),
        new BigDecimal("2.500"),
        new BigDecimal("4"),
        PingStatus.DEGRADED,
        null);
  }

  @Test
  void degradedResultKeepsTheDecimalsAndSendsRttInSeconds() {
    List<ZabbixValue> v = items.toValues("10.1.1.1", degraded(), T);

    assertThat(v)
        .extracting(ZabbixValue::key, ZabbixValue::value)
        .containsExactly(
            tuple("netpool.ping.loss", "20.00"),
            tuple("netpool.ping.rtt.min", "0.001"),
            tuple("netpool.ping.rtt.avg", "0.002500"),
            tuple("netpool.ping.rtt.max", "0.004"),
            tuple("netpool.ping.sent", "5"),
            tuple("netpool.ping.received", "4"),
            tuple("netpool.ping.status", "1"),
            tuple("netpool.ping.failure", "0"),
            tuple("netpool.router.failure", "0"));
    assertThat(v).allSatisfy(x -> assertThat(x.host()).isEqualTo("10.1.1.1"));
    assertThat(v).allSatisfy(x -> assertThat(x.clock()).isEqualTo(T));
  }

  @Test
  void distributionInSecondsOnlyWhenThePlatformPrintedIt() {
    PingResult withReplies =
        new PingResult(
            5,
            5,
            new BigDecimal("0.00"),
            new BigDecimal("1"),
            new BigDecimal("2.400"),
            new BigDecimal("4"),
            RttStats.of(List.of(1, 3, 2, 2, 4).stream().map(BigDecimal::valueOf).toList()),
            0,
            null,
            PingStatus.OK,
            null);
    assertThat(items.toValues("h", withReplies, T))
        .extracting(ZabbixValue::key, ZabbixValue::value)
        .contains(
            tuple("netpool.ping.rtt.median", "0.002"),
            tuple("netpool.ping.rtt.stddev", "0.001020"),
            tuple("netpool.ping.jitter", "0.001250"));
    // IOS-style summary only: nothing invented
    assertThat(items.toValues("h", degraded(), T))
        .extracting(ZabbixValue::key)
        .doesNotContain(
            "netpool.ping.rtt.median", "netpool.ping.rtt.stddev", "netpool.ping.jitter");
  }

  @Test
  void errorSendsStatusFailureAndReasonOnly() {
    List<ZabbixValue> v =
        items.toValues(
            "10.1.1.1",
            PingResult.error("authentication failed on r1"),
            FailureKind.AUTH_FAILED,
            T);

    assertThat(v)
        .extracting(ZabbixValue::key, ZabbixValue::value)
        .containsExactly(
            tuple("netpool.ping.status", "4"),
            tuple("netpool.ping.failure", "2"),
            tuple("netpool.router.failure", "2"),
            tuple("netpool.ping.error", "authentication failed on r1"));
  }

  @Test
  void routerItemSaysWhetherTheCheckCouldUseItsRouter() {
    assertThat(routerValue(degraded(), null)).isEqualTo("0");
    assertThat(routerValue(PingResult.error("refused"), FailureKind.ROUTER_UNREACHABLE))
        .isEqualTo("1");
    assertThat(routerValue(PingResult.error("circuit open"), FailureKind.ROUTER_UNAVAILABLE))
        .isEqualTo("4");
    // logged in, then the command failed: the router could be used
    assertThat(routerValue(PingResult.error("timeout"), FailureKind.COMMAND_TIMEOUT))
        .isEqualTo("0");
    assertThat(routerValue(PingResult.error("odd"), FailureKind.UNPARSEABLE_OUTPUT)).isEqualTo("0");
    // the monitor's own limits or shutdown say nothing about the router
    assertThat(routerValue(PingResult.error("no session"), FailureKind.NO_SESSION)).isNull();
    assertThat(routerValue(PingResult.error("stop"), FailureKind.SHUTDOWN)).isNull();
    assertThat(routerValue(PingResult.error("x"), null)).isNull();
    assertThat(routerValue(PingResult.skipped(), null)).isNull();
  }

  @Test
  void routerHostGetsTheRouterItemOnly() {
    assertThat(items.toRouterValues("pe-1", PingResult.error("auth"), FailureKind.AUTH_FAILED, T))
        .extracting(ZabbixValue::host, ZabbixValue::key, ZabbixValue::value, ZabbixValue::clock)
        .containsExactly(tuple("pe-1", "netpool.router.failure", "2", T));
    assertThat(items.toRouterValues("pe-1", PingResult.skipped(), null, T)).isEmpty();
    assertThat(
            new PingResultItems(ZabbixItemKeys.defaults().withRouter(""))
                .toRouterValues("pe-1", degraded(), null, T))
        .as("router item switched off")
        .isEmpty();
  }

  private String routerValue(PingResult result, FailureKind kind) {
    return items.toValues("h", result, kind, T).stream()
        .filter(v -> v.key().equals("netpool.router.failure"))
        .map(ZabbixValue::value)
        .findFirst()
        .orElse(null);
  }

  @Test
  void errorOfUnknownKindSendsNoFailureCode() {
    assertThat(items.toValues("h", PingResult.error("x"), T))
        .extracting(ZabbixValue::key)
        .containsExactly("netpool.ping.status", "netpool.ping.error");
  }

  @Test
  void skippedCheckSendsNothing() {
    assertThat(items.toValues("h", PingResult.skipped(), null, T)).isEmpty();
  }

  @Test
  void downSendsFullLossAndNoRttAtAll() {
    PingResult down =
        new PingResult(5, 0, new BigDecimal("100"), null, null, null, PingStatus.DOWN, null);

    assertThat(items.toValues("h", down, T))
        .extracting(ZabbixValue::key, ZabbixValue::value)
        .containsExactly(
            tuple("netpool.ping.loss", "100"),
            tuple("netpool.ping.sent", "5"),
            tuple("netpool.ping.received", "0"),
            tuple("netpool.ping.status", "2"),
            tuple("netpool.ping.failure", "0"),
            tuple("netpool.router.failure", "0"));
  }

  @Test
  void bigDecimalIsNeverInScientificNotation() {
    PingResult ok =
        new PingResult(
            3,
            3,
            new BigDecimal("0E+2"),
            new BigDecimal("1E-7"),
            new BigDecimal("1E-7"),
            new BigDecimal("1E-7"),
            PingStatus.OK,
            null);

    assertThat(items.toValues("h", ok, T))
        .extracting(ZabbixValue::value)
        .contains("0", "0.0000000001")
        .noneMatch(s -> s.contains("E"));
  }

  @Test
  void keysAreConfigurableAndABlankKeySwitchesTheItemOff() {
    PingResultItems custom =
        new PingResultItems(
            ZabbixItemKeys.defaults()
                .withLoss("dedicatedLinePing")
                .withError("dedicatedLineErrorDetail")
                .withSent(null)
                .withReceived(" ")
                .withRttMin("")
                .withRttMax(null)
                .withFailure("")
                .withRouter(null));

    assertThat(custom.toValues("h", degraded(), T))
        .extracting(ZabbixValue::key)
        .containsExactly("dedicatedLinePing", "netpool.ping.rtt.avg", "netpool.ping.status");
    assertThat(custom.toValues("h", PingResult.error("x"), T))
        .extracting(ZabbixValue::key)
        .containsExactly("netpool.ping.status", "dedicatedLineErrorDetail");
  }

  @Test
  void longOrMissingErrorTextIsBounded() {
    String longText = "x".repeat(5000);

    assertThat(items.toValues("h", PingResult.error(longText), T).get(1).value())
        .hasSize(PingResultItems.MAX_ERROR_LENGTH)
        .endsWith("...");
    assertThat(items.toValues("h", PingResult.error(null), T).get(1).value())
        .isEqualTo("unknown error");
  }
}
