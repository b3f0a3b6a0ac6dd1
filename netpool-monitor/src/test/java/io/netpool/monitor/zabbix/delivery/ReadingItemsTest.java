package io.netpool.monitor.zabbix.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.check.ProbeReading;
import io.netpool.monitor.check.ProbeReading.Unit;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SLA readings as Zabbix trapper values: keys from the reading, times in seconds. */
class ReadingItemsTest {
  private static final Instant T = Instant.parse("2026-12-04T10:00:00Z");

  private static Map<String, String> byKey(List<ZabbixValue> values) {
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach(v -> out.put(v.key(), v.value()));
    return out;
  }

  @Test
  void aReadingSendsItsStatusFailureAndEveryPrintedValue() {
    ProbeReading r =
        ProbeReading.builder("sla", "degraded")
            .value("loss", Unit.PERCENT, 2.5)
            .value("rtt_avg", Unit.MS, 12.0)
            .value("jitter_sd", Unit.MS, 0.512)
            .value("mos", Unit.SCORE, 4.34)
            .value("lost_ds", Unit.COUNT, 3)
            .build();
    List<ZabbixValue> values = ReadingItems.toValues("line-1", List.of(r), T);
    assertThat(values).allSatisfy(v -> assertThat(v.host()).isEqualTo("line-1"));
    assertThat(byKey(values))
        .containsExactly(
            Map.entry("netpool.sla.status", "1"),
            Map.entry("netpool.sla.failure", "0"),
            Map.entry("netpool.sla.loss", "2.5"),
            Map.entry("netpool.sla.rtt.avg", "0.012"),
            Map.entry("netpool.sla.jitter.sd", "0.000512"),
            Map.entry("netpool.sla.mos", "4.34"),
            Map.entry("netpool.sla.lost.ds", "3"));
  }

  @Test
  void aStaleOperationSendsCode15AndWhy() {
    ProbeReading r =
        ProbeReading.builder("sla", "stale")
            .failure(FailureKind.SLA_STALE, "stale: unchanged for 300 s")
            .build();
    assertThat(byKey(ReadingItems.toValues("h", List.of(r), T)))
        .containsExactly(
            Map.entry("netpool.sla.status", "6"),
            Map.entry("netpool.sla.failure", "15"),
            Map.entry("netpool.sla.error", "stale: unchanged for 300 s"));
  }
}
