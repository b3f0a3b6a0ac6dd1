package io.netpool.monitor.http;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.history.HistoryQuery;
import io.netpool.monitor.history.HistorySettings;
import io.netpool.monitor.history.HistoryStore;
import io.netpool.monitor.outputs.RecentOutputs;
import io.netpool.monitor.ping.PingResult;
import io.netpool.monitor.ping.PingStatus;
import io.netpool.monitor.ping.RttStats;
import io.netpool.monitor.probe.CheckOutput;
import io.netpool.monitor.state.LineCondition;
import io.netpool.monitor.state.LineStateTracker;
import io.netpool.monitor.state.RouterChange;
import io.netpool.monitor.state.StateChange;
import io.netpool.monitor.state.StateEvents;
import io.netpool.monitor.status.DeviceInfo;
import io.netpool.monitor.status.LineInfo;
import io.netpool.monitor.status.ResultStore;
import io.netpool.monitor.status.TestResults;
import io.netpool.pool.PoolSnapshot;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link StatusFixture} plus what the line page shows for l1: 30 days of history in a real history
 * file (one check a minute, ending now, so a browser's clock finds it), state changes and masked
 * raw outputs. Every 97th check lost everything, every 13th one probe (20 %), the hours
 * 02:00..02:59 of each day 1 probe of 5 in every other check; RTTs follow a daily wave between
 * about 8 and 16 ms.
 */
final class LinePageFixture implements AutoCloseable {
  static final String LINE = "l1";
  static final String MASKED_OUTPUT =
      "r1#ping 192.0.2.1 repeat 5 timeout 1\n"
          + "Type escape sequence to abort.\n"
          + "Sending 5, 100-byte ICMP Echos to 192.0.2.1, timeout is 1 seconds:\n"
          + "!!!!!\n"
          + "Success rate is 100 percent (5/5), round-trip min/avg/max = 8/10/14 ms\n"
          + "enable secret ******";
  static final String COMMAND = "ping 192.0.2.1 repeat 5 timeout 1";

  final StatusFixture base = new StatusFixture();
  final Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
  final HistoryStore history;
  final StateEvents events = new StateEvents();
  final RecentOutputs outputs = new RecentOutputs();
  final LineStateTracker states;

  LinePageFixture(Path dir) {
    history = HistoryStore.open(dir.resolve(HistoryStore.FILE_NAME), HistorySettings.defaults());
    List<CheckResult> batch = new ArrayList<>();
    int minutes = 30 * 24 * 60;
    for (int m = minutes; m >= 1; m--) {
      batch.add(TestResults.at(LINE, "r1", "192.0.2.1", now.minus(Duration.ofMinutes(m)), ping(m)));
    }
    history.append(batch, now.toEpochMilli());
    while (history.rollUp(now.toEpochMilli(), 2000)) {
      // every closed bucket
    }
    states = new LineStateTracker(() -> base.inventory);
    base.store.snapshot().values().forEach(h -> states.accept(h.latest()));
    Instant t = now.minus(Duration.ofHours(5));
    events.lineChanged(
        new StateChange(
            LINE, "r1", t, LineCondition.UP, LineCondition.DEGRADED, "20.00% loss", false));
    events.routerChanged(new RouterChange("r1", t.plusSeconds(600), FailureKind.AUTH_FAILED, 2));
    events.lineChanged(
        new StateChange(
            LINE,
            "r1",
            t.plusSeconds(600),
            LineCondition.DEGRADED,
            LineCondition.UNKNOWN,
            "router r1: auth_failed",
            true));
    events.routerChanged(new RouterChange("r1", t.plusSeconds(1200), null, 2));
    events.lineChanged(
        new StateChange(
            LINE,
            "r1",
            t.plusSeconds(1260),
            LineCondition.UNKNOWN,
            LineCondition.UP,
            "0.00% loss",
            false));
    // another line's change: not on l1's page
    events.lineChanged(
        new StateChange(
            "l3", "r2", t, LineCondition.UP, LineCondition.DOWN, "100.00% loss", false));
    outputs.output(
        new CheckOutput(
            LINE,
            "r1",
            "cisco_iosxe",
            COMMAND,
            MASKED_OUTPUT,
            now.minusSeconds(120),
            PingStatus.OK,
            null));
    outputs.output(
        new CheckOutput(
            LINE,
            "r1",
            "cisco_iosxe",
            COMMAND,
            "r1#ping 192.0.2.1\n%Unexpected reply ******",
            now.minusSeconds(60),
            null,
            FailureKind.UNPARSEABLE_OUTPUT));
  }

  /** The ping of the check {@code minutesAgo} minutes before now. */
  private PingResult ping(int minutesAgo) {
    if (minutesAgo % 97 == 0) {
      return new PingResult(5, 0, new BigDecimal("100"), null, null, null, PingStatus.DOWN, null);
    }
    Instant at = now.minus(Duration.ofMinutes(minutesAgo));
    boolean lossyHour = at.atZone(java.time.ZoneOffset.UTC).getHour() == 2 && minutesAgo % 2 == 0;
    int received = minutesAgo % 13 == 0 || lossyHour ? 4 : 5;
    double wave = 12 + 4 * Math.sin(2 * Math.PI * (at.getEpochSecond() % 86_400) / 86_400.0);
    List<BigDecimal> rtts = new ArrayList<>();
    for (int i = 0; i < received; i++) {
      double jitter = ((minutesAgo * 7 + i * 13) % 11) / 5.0 - 1; // -1 .. +1, repeatable
      rtts.add(BigDecimal.valueOf(wave + jitter * (1 + i)).setScale(3, RoundingMode.HALF_UP));
    }
    RttStats d = RttStats.of(rtts);
    List<BigDecimal> sorted = rtts.stream().sorted().toList();
    BigDecimal avg =
        rtts.stream()
            .reduce(BigDecimal.ZERO, BigDecimal::add)
            .divide(BigDecimal.valueOf(received), 3, RoundingMode.HALF_UP);
    return new PingResult(
        5,
        received,
        BigDecimal.valueOf((5 - received) * 20L).setScale(2),
        sorted.get(0),
        avg,
        sorted.get(sorted.size() - 1),
        d,
        0,
        null,
        received == 5 ? PingStatus.OK : PingStatus.DEGRADED,
        null);
  }

  StatusSource source() {
    StatusSource plain = base.source();
    HistoryQuery query = new HistoryQuery(history.reads(), history.settings());
    return new StatusSource() {
      @Override
      public List<LineInfo> lines() {
        return plain.lines();
      }

      @Override
      public List<DeviceInfo> devices() {
        return plain.devices();
      }

      @Override
      public ResultStore results() {
        return plain.results();
      }

      @Override
      public PoolSnapshot pool() {
        return plain.pool();
      }

      @Override
      public HistoryQuery history() {
        return query;
      }

      @Override
      public LineStateTracker states() {
        return states;
      }

      @Override
      public RecentOutputs outputs() {
        return outputs;
      }

      @Override
      public StateEvents events() {
        return events;
      }
    };
  }

  @Override
  public void close() {
    history.close();
  }
}
