package io.netpool.monitor.probe.sla;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.check.CheckResultJson;
import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.check.ProbeReading;
import io.netpool.monitor.inventory.LineSpec;
import io.netpool.monitor.inventory.ProbeSelection;
import io.netpool.monitor.ping.PingResult;
import io.netpool.monitor.ping.PingStatus;
import io.netpool.monitor.probe.ProbeConfig;
import io.netpool.monitor.probe.ProbeType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an SLA operation's results mean for the line: measurement, reading, staleness. */
class SlaTypeTest {
  private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

  private final SlaType type = new SlaType(ProbeConfig.defaults());

  private static LineSpec line(Duration frequency) {
    return new LineSpec(
        "l1",
        "r1",
        "192.0.2.1",
        null,
        null,
        5,
        Duration.ofSeconds(1),
        null,
        Duration.ofMinutes(1),
        Map.of(),
        null,
        null,
        new ProbeSelection(List.of("sla"), Map.of("operation", "10"), frequency));
  }

  private static SlaStats jitter(String lastRun) {
    return SlaStats.read()
        .operationType("udp-jitter")
        .lastRun(lastRun)
        .returnCode("OK", true)
        .counts(100, 97)
        .lostPerDirection(2, 1)
        .rtt(1.0, 2.5, 9.0)
        .jitter(0.4, 0.6)
        .oneWayDelay(1.2, 1.3)
        .voice(4.34, 1.0)
        .build();
  }

  @Test
  void countsLossAndRttsOfTheLatestRunAreTheMeasurement() {
    PingResult p = SlaType.measurement(jitter("10:00:00"));
    assertThat(p.sent()).isEqualTo(100);
    assertThat(p.received()).isEqualTo(97);
    assertThat(p.lossPercent()).isEqualByComparingTo("3");
    assertThat(p.rttMinMs()).isEqualByComparingTo("1");
    assertThat(p.rttAvgMs()).isEqualByComparingTo("2.5");
    assertThat(p.rttMaxMs()).isEqualByComparingTo("9");
    assertThat(p.status()).isEqualTo(PingStatus.DEGRADED);
  }

  @Test
  void anOperationWithoutCountsIsOneProbeJudgedByItsReturnCode() {
    PingResult ok =
        SlaType.measurement(
            SlaStats.read()
                .operationType("icmp-echo")
                .returnCode("OK", true)
                .rtt(3.0, 3.0, 3.0)
                .build());
    assertThat(ok.sent()).isEqualTo(1);
    assertThat(ok.received()).isEqualTo(1);
    assertThat(ok.lossPercent()).isEqualByComparingTo(BigDecimal.ZERO);
    assertThat(ok.status()).isEqualTo(PingStatus.OK);
    PingResult timeout =
        SlaType.measurement(
            SlaStats.read().operationType("icmp-echo").returnCode("Timeout", false).build());
    assertThat(timeout.received()).isZero();
    assertThat(timeout.lossPercent()).isEqualByComparingTo("100");
    assertThat(timeout.rttAvgMs()).isNull();
    assertThat(timeout.status()).isEqualTo(PingStatus.DOWN);
    assertThat(SlaType.measurement(SlaStats.read().operationType("x").build()).status())
        .as("nothing to judge by")
        .isEqualTo(PingStatus.ERROR);
  }

  @Test
  void theReadingCarriesEveryValueThePrinterPrinted() {
    ProbeType.Reading r = type.measured(line(Duration.ofSeconds(60)), jitter("a"), "cmd", T0);
    assertThat(r.failure()).isNull();
    ProbeReading reading = r.reading();
    assertThat(reading.status()).isEqualTo("degraded");
    assertThat(reading.facts())
        .containsExactly(
            Map.entry("operationType", "udp-jitter"),
            Map.entry("lastRun", "a"),
            Map.entry("returnCode", "OK"));
    assertThat(reading.value("jitter_sd")).isEqualTo(0.4);
    assertThat(reading.value("owd_ds")).isEqualTo(1.3);
    assertThat(reading.value("mos")).isEqualTo(4.34);
    assertThat(reading.value("lost_sd")).isEqualTo(2.0);
    assertThat(reading.values())
        .extracting(ProbeReading.Value::jsonName)
        .contains("lossPercent", "rttAvgMs", "jitterSdMs", "owdDsMs", "lostSd", "mos", "icpif");
  }

  @Test
  void aRunThatDoesNotChangeForTwiceTheFrequencyIsStale() {
    LineSpec line = line(Duration.ofSeconds(60));
    assertThat(type.measured(line, jitter("10:00"), "c", T0).failure()).isNull();
    assertThat(type.measured(line, jitter("10:00"), "c", T0.plusSeconds(120)).failure())
        .as("exactly twice the frequency is still fresh")
        .isNull();
    ProbeType.Reading stale = type.measured(line, jitter("10:00"), "c", T0.plusSeconds(121));
    assertThat(stale.failure()).isEqualTo(FailureKind.SLA_STALE);
    assertThat(stale.measurement().status()).isEqualTo(PingStatus.ERROR);
    assertThat(stale.reading().status()).isEqualTo("stale");
    assertThat(stale.reading().message()).contains("10:00").contains("121 s");
    assertThat(stale.reading().value("rtt_avg")).as("old values kept, marked stale").isEqualTo(2.5);
    assertThat(type.measured(line, jitter("10:03"), "c", T0.plusSeconds(180)).failure())
        .as("a new run is fresh again")
        .isNull();
  }

  @Test
  void notConfiguredNotRunningAndUnreadableAreFailuresWithTheirKinds() {
    assertThat(SlaStats.without(SlaStats.Outcome.NOT_CONFIGURED, "x").outcome())
        .isEqualTo(SlaStats.Outcome.NOT_CONFIGURED);
    ProbeReading failed = type.failed(FailureKind.SLA_NOT_RUNNING, "pending", "show x");
    assertThat(failed.status()).isEqualTo("error");
    assertThat(failed.failure()).isEqualTo(FailureKind.SLA_NOT_RUNNING);
    assertThat(failed.statusCode()).isEqualTo(4);
  }

  @Test
  void everyValueAReadingCarriesHasAnItemInTheShippedTemplate() throws Exception {
    ProbeReading reading =
        type.measured(line(Duration.ofSeconds(60)), jitter("a"), "cmd", T0).reading();
    List<String> keys = new ArrayList<>();
    reading.values().forEach(v -> keys.add(v.zabbixKey("sla")));
    keys.addAll(List.of("netpool.sla.status", "netpool.sla.failure", "netpool.sla.error"));
    JsonNode template =
        new ObjectMapper(new YAMLFactory())
            .readTree(Path.of("..", "zabbix", "templates", "netpool_line.yaml").toFile())
            .path("zabbix_export")
            .path("templates")
            .path(0);
    List<String> items = new ArrayList<>();
    template.path("items").forEach(i -> items.add(i.path("key").asText()));
    assertThat(items).containsAll(keys);
  }

  @Test
  void theJsonLineHasTheReadingUnderItsProbeName() throws Exception {
    ProbeType.Reading r = type.measured(line(Duration.ofSeconds(60)), jitter("a"), "cmd", T0);
    CheckResult result =
        new CheckResult(
            "l1",
            "r1",
            "192.0.2.1",
            T0,
            T0,
            T0,
            r.measurement(),
            null,
            "cmd",
            null,
            null,
            List.of(r.reading()));
    JsonNode json = new ObjectMapper().readTree(CheckResultJson.toJson(result));
    JsonNode sla = json.path("readings").path("sla");
    assertThat(sla.path("status").asText()).isEqualTo("degraded");
    assertThat(sla.path("jitterDsMs").asDouble()).isEqualTo(0.6);
    assertThat(sla.path("sent").asText()).isEqualTo("100");
    assertThat(sla.path("lossPercent").asDouble()).isEqualTo(3.0);
    assertThat(sla.path("returnCode").asText()).isEqualTo("OK");
    assertThat(json.path("lossPercent").asDouble()).isEqualTo(3.0);
  }

  /** A Cisco IOS-XE router of the test inventory (its profile has the cisco_ip_sla command). */
  private static io.netpool.monitor.inventory.DeviceSpec iosxe() {
    return io.netpool.monitor.engine.TestInventory.fakeDevice("r1", 2);
  }

  @Test
  void aPublishedIosXeIcmpEchoOutputIsOneProbeReceivedWithItsRtt() {
    ProbeType.Reading r =
        type.read(
            line(Duration.ofSeconds(60)),
            iosxe(),
            SlaFixtures.cisco("iosxe-icmp-echo-details.txt"),
            "show ip sla statistics 50 details",
            T0);
    assertThat(r.failure()).isNull();
    assertThat(r.measurement().status()).isEqualTo(PingStatus.OK);
    assertThat(r.measurement().sent()).isEqualTo(1);
    assertThat(r.measurement().rttAvgMs()).isEqualByComparingTo("5");
    assertThat(r.reading().facts())
        .containsEntry("lastRun", "06:45:19 UTC Wed Oct 13 2021")
        .containsEntry("returnCode", "OK");
    assertThat(r.reading().command()).isEqualTo("show ip sla statistics 50 details");
  }

  @Test
  void aJitterRunSentItsRepliesPlusThePacketsLostEachWay() {
    ProbeType.Reading r =
        type.read(
            line(Duration.ofSeconds(60)),
            iosxe(),
            SlaFixtures.cisco("iosxe-udp-jitter-no-ntp-handmade.txt"),
            "show ip sla statistics 20 details",
            T0);
    SlaStats s =
        new CiscoIpSlaParser().parse(SlaFixtures.cisco("iosxe-udp-jitter-no-ntp-handmade.txt"));
    assertThat(s.sent()).isNull();
    assertThat(r.measurement().received()).isEqualTo(s.received());
    assertThat(r.measurement().sent()).isEqualTo(s.received() + s.lostSd() + s.lostDs());
    assertThat(r.reading().value("owd_sd")).as("no NTP: no one-way delay").isNull();
    assertThat(r.reading().value("sent"))
        .as("the reading has the counts and loss of the measurement")
        .isEqualTo((double) r.measurement().sent());
    assertThat(r.reading().value("loss")).isEqualTo(r.measurement().lossPercent().doubleValue());
  }

  @Test
  void theNotConfiguredAndNotScheduledOutputsAreTheirFailureKinds() {
    ProbeType.Reading missing =
        type.read(
            line(Duration.ofSeconds(60)),
            iosxe(),
            SlaFixtures.cisco("iosxe-not-configured-handmade.txt"),
            "show ip sla statistics 99 details",
            T0);
    assertThat(missing.failure()).isEqualTo(FailureKind.SLA_NOT_CONFIGURED);
    assertThat(missing.reading().failure()).isEqualTo(FailureKind.SLA_NOT_CONFIGURED);
    ProbeType.Reading pending =
        type.read(
            line(Duration.ofSeconds(60)),
            iosxe(),
            SlaFixtures.cisco("iosxe-not-scheduled-handmade.txt"),
            "show ip sla statistics 7 details",
            T0);
    assertThat(pending.failure()).isEqualTo(FailureKind.SLA_NOT_RUNNING);
    ProbeType.Reading rejected =
        type.read(
            line(Duration.ofSeconds(60)),
            iosxe(),
            "show ip sla statistics x\n                        ^\n% Invalid input detected at '^' marker.\n",
            "show ip sla statistics x",
            T0);
    assertThat(rejected.failure()).isEqualTo(FailureKind.COMMAND_FAILED);
    ProbeType.Reading garbage =
        type.read(line(Duration.ofSeconds(60)), iosxe(), "%%%\u0000", "show ip sla", T0);
    assertThat(garbage.failure()).isEqualTo(FailureKind.UNPARSEABLE_OUTPUT);
  }

  @Test
  void theCommandIsThePlatformsWithTheLinesOperation() {
    assertThat(type.command(line(Duration.ofSeconds(60)), iosxe()))
        .isEqualTo("show ip sla statistics 10 details");
  }
}
