package io.netpool.monitor.sink.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netpool.monitor.sink.console.ConsoleTableSink.Row;
import io.netpool.monitor.status.LineInfo;
import io.netpool.monitor.status.ResultStore;
import io.netpool.monitor.status.TestResults;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ConsoleTableSinkTest {

  private static final Clock CLOCK = Clock.fixed(TestResults.T0.plusSeconds(60), ZoneOffset.UTC);
  private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*[A-Za-z]");

  private static List<Row> rows() {
    return List.of(
        new Row(
            new LineInfo("l1", "r1", "192.0.2.1"), TestResults.ok("l1", "r1", "192.0.2.1", "1.5")),
        new Row(
            new LineInfo("l2", "r1", "192.0.2.2"), TestResults.degraded("l2", "r1", "192.0.2.2")),
        new Row(new LineInfo("l3", "r2", "192.0.2.3"), TestResults.down("l3", "r2", "192.0.2.3")),
        new Row(
            new LineInfo("l4", "r2", "2001:db8::4"), TestResults.error("l4", "r2", "2001:db8::4")),
        new Row(new LineInfo("l5", "r3", "192.0.2.5"), null));
  }

  @Test
  void plainTableHasOneRowPerLineWithAllColumns() {
    String table = ConsoleTableSink.render(rows(), false, CLOCK);
    assertThat(ANSI.matcher(table).find()).isFalse();
    List<String> lines = table.lines().toList();
    assertThat(lines).hasSize(2 + 5);
    assertThat(lines.get(0))
        .startsWith("netpool monitor  10:01:00  lines 5")
        .contains("ok 1", "degraded 1", "down 1", "error 1", "pending 1");
    assertThat(lines.get(1))
        .contains(
            "LINE",
            "ROUTER",
            "TARGET",
            "STATUS",
            "LOSS%",
            "RTT MIN/AVG/MAX ms",
            "JITTER ms",
            "LAST CHECK",
            "FAILURE");
    assertThat(lines.get(2).split("\\s+"))
        .containsExactly(
            "l1", "r1", "192.0.2.1", "ok", "0.0", "1.00/1.50/3.00", "-", "10:00:02", "-");
    assertThat(lines.get(3).split("\\s+"))
        .containsExactly(
            "l2", "r1", "192.0.2.2", "degraded", "20.0", "10.50/12.25/20.00", "-", "10:00:02", "-");
    assertThat(lines.get(4).split("\\s+"))
        .containsExactly("l3", "r2", "192.0.2.3", "down", "100.0", "-", "-", "10:00:02", "-");
    assertThat(lines.get(5).split("\\s+"))
        .containsExactly(
            "l4", "r2", "2001:db8::4", "error", "-", "-", "-", "10:00:03", "router_unreachable");
    assertThat(lines.get(6).split("\\s+"))
        .containsExactly("l5", "r3", "192.0.2.5", "pending", "-", "-", "-", "-", "-");
    // columns line up: every row has STATUS at the same offset
    int statusColumn = lines.get(1).indexOf("STATUS");
    assertThat(lines.get(3).indexOf("degraded")).isEqualTo(statusColumn);
    assertThat(lines.get(6).indexOf("pending")).isEqualTo(statusColumn);
  }

  @Test
  void inAClusterEveryLineShowsItsNodeAndTheLinesOfOthersAreMarked() {
    java.util.Map<String, String> owners =
        java.util.Map.of("l1", "n1", "l2", "n1", "l3", "n2", "l4", "n1", "l5", "n2");
    io.netpool.monitor.cluster.ClusterStatus cluster =
        new io.netpool.monitor.cluster.ClusterStatus(
            "lab",
            "n1",
            3,
            "n2",
            List.of(
                new io.netpool.monitor.cluster.ClusterStatus.Member("n1", null, 2, 3, "a"),
                new io.netpool.monitor.cluster.ClusterStatus.Member("n2", null, 1, 2, "a")),
            0,
            "a",
            owners);
    List<String> lines = ConsoleTableSink.render(rows(), false, CLOCK, cluster).lines().toList();
    assertThat(lines.get(0)).contains("lines 5", "on other nodes 2");
    assertThat(lines.get(1)).isEqualTo("cluster lab  members n1(this) n2(coordinator)");
    assertThat(lines.get(2)).endsWith("NODE");
    assertThat(lines.get(3).split("\\s+"))
        .containsExactly(
            "l1", "r1", "192.0.2.1", "ok", "0.0", "1.00/1.50/3.00", "-", "10:00:02", "-", "n1");
    // l3 is checked by n2: no result of this node is shown for it
    assertThat(lines.get(5).split("\\s+"))
        .containsExactly("l3", "r2", "192.0.2.3", "on", "n2", "-", "-", "-", "-", "-", "n2");
    assertThat(lines.get(7).split("\\s+")).endsWith("n2");
  }

  @Test
  void jitterShowsWhereThePlatformPrintedEveryReply() {
    List<Row> rows =
        List.of(
            new Row(
                new LineInfo("l1", "r1", "192.0.2.1"),
                TestResults.withReplies("l1", "r1", "192.0.2.1")));
    String row = ConsoleTableSink.render(rows, false, CLOCK).lines().toList().get(2);
    assertThat(row.split("\\s+"))
        .containsExactly(
            "l1", "r1", "192.0.2.1", "ok", "0.0", "1.00/2.40/4.00", "1.25", "10:00:02", "-");
  }

  @Test
  void ansiTableColoursTheStatusAndStillLinesUp() {
    String table = ConsoleTableSink.render(rows(), true, CLOCK);
    assertThat(table)
        .contains("\u001b[32mok\u001b[0m")
        .contains("\u001b[33mdegraded\u001b[0m")
        .contains("\u001b[31mdown\u001b[0m")
        .contains("\u001b[1;31merror\u001b[0m");
    String stripped = ANSI.matcher(table).replaceAll("");
    assertThat(stripped).isEqualTo(ConsoleTableSink.render(rows(), false, CLOCK));
  }

  @Test
  void redrawsFromTheBackgroundAtMostOncePerInterval() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    ResultStore store = new ResultStore();
    List<LineInfo> lines =
        List.of(new LineInfo("l1", "r1", "192.0.2.1"), new LineInfo("l2", "r1", "192.0.2.2"));
    // an interval far longer than the test: after the first table, nothing is drawn until close
    ConsoleTableSink sink =
        new ConsoleTableSink(store, true, () -> lines, out, false, Duration.ofHours(1), CLOCK)
            .start();
    await().atMost(Duration.ofSeconds(5)).until(() -> tables(bytes) == 1);
    assertThat(text(bytes)).contains("pending 2");

    for (int i = 0; i < 50; i++) {
      sink.accept(TestResults.ok("l1", "r1", "192.0.2.1", "1.5"));
    }
    sink.accept(TestResults.down("l2", "r1", "192.0.2.2"));
    assertThat(store.history("l1")).hasSize(50);
    assertThat(tables(bytes)).isEqualTo(1);

    sink.close(); // draws the final state once
    assertThat(tables(bytes)).isEqualTo(2);
    String last = text(bytes).substring(text(bytes).lastIndexOf("netpool monitor"));
    assertThat(last).contains("ok 1", "down 1").doesNotContain("pending");
  }

  @Test
  void redrawsWhenTheStoreChanges() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    ResultStore shared = new ResultStore();
    try (ConsoleTableSink sink =
        new ConsoleTableSink(shared, false, null, out, true, Duration.ofMillis(20), CLOCK)
            .start()) {
      sink.accept(TestResults.ok("l9", "r1", "192.0.2.9", "2"));
      assertThat(shared.history("l9"))
          .as("a shared store is fed by the engine, not the table")
          .isEmpty();
      shared.accept(TestResults.ok("l9", "r1", "192.0.2.9", "2"));
      await().atMost(Duration.ofSeconds(5)).until(() -> text(bytes).contains("l9"));
      assertThat(text(bytes)).contains("\u001b[H").contains("\u001b[32mok");
    }
  }

  private static String text(ByteArrayOutputStream b) {
    return b.toString(StandardCharsets.UTF_8);
  }

  private static int tables(ByteArrayOutputStream b) {
    Matcher m = Pattern.compile("netpool monitor").matcher(text(b));
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void aLateLineShowsItsLastStatusMarkedLate() {
    ResultStore store = new ResultStore();
    store.accept(TestResults.down("l1", "r1", "192.0.2.1"));
    store.accept(TestResults.skipped("l1", "r1", "192.0.2.1", 30));
    store.accept(TestResults.ok("l2", "r1", "192.0.2.2", "1.5"));
    ConsoleTableSink sink =
        new ConsoleTableSink(
            store,
            false,
            null,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            false,
            Duration.ofSeconds(1),
            CLOCK);
    String table = ConsoleTableSink.render(sink.rows(null), false, CLOCK);
    List<String> lines = table.lines().toList();
    assertThat(lines.get(0)).contains("down 1", "ok 1", "late 1").doesNotContain("skipped");
    assertThat(lines.get(2)).startsWith("l1").contains("down (late)", "100.0", "10:00:02");
    assertThat(lines.get(3)).startsWith("l2").doesNotContain("late");
    assertThat(ConsoleTableSink.render(sink.rows(null), true, CLOCK))
        .contains("\u001b[31mdown (late)" + ConsoleTableSink.RESET);
  }

  @Test
  void aLineThatReadsItsRoutersSlaOperationAddsTheColumn() {
    io.netpool.monitor.check.ProbeReading sla =
        io.netpool.monitor.check.ProbeReading.builder("sla", "degraded")
            .value("loss", io.netpool.monitor.check.ProbeReading.Unit.PERCENT, 2.0)
            .value("rtt_avg", io.netpool.monitor.check.ProbeReading.Unit.MS, 12.345)
            .value("jitter_sd", io.netpool.monitor.check.ProbeReading.Unit.MS, 0.5)
            .value("jitter_ds", io.netpool.monitor.check.ProbeReading.Unit.MS, 1.25)
            .build();
    List<Row> rows =
        List.of(
            new Row(
                new LineInfo("l1", "r1", "192.0.2.1"),
                TestResults.ok("l1", "r1", "192.0.2.1", "1.5").withReadings(List.of(sla))),
            new Row(
                new LineInfo("l2", "r1", "192.0.2.2"),
                TestResults.degraded("l2", "r1", "192.0.2.2")));
    List<String> lines = ConsoleTableSink.render(rows, false, CLOCK).lines().toList();
    assertThat(lines.get(1)).endsWith("ROUTER SLA");
    assertThat(lines.get(2)).endsWith("degraded 2.0% 12.35ms jitter 0.50/1.25");
    assertThat(lines.get(3)).endsWith(" -");
    assertThat(ConsoleTableSink.render(rows(), false, CLOCK)).doesNotContain("ROUTER SLA");
  }
}
