package io.netpool.monitor.outputs;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpool.monitor.ping.PingStatus;
import io.netpool.monitor.probe.CheckOutput;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentOutputsTest {
  static CheckOutput out(String line, int n, String text) {
    return new CheckOutput(
        line, "r1", "linux", "ping", text, Instant.ofEpochSecond(n), PingStatus.OK, null);
  }

  @Test
  void keepsTheLastPerLineAndForgetsRemovedLines() {
    RecentOutputs r = new RecentOutputs(2);
    for (int i = 1; i <= 3; i++) {
      r.output(out("l1", i, "out " + i));
    }
    r.output(out("l2", 9, "other"));
    assertThat(r.of("l1")).extracting(CheckOutput::output).containsExactly("out 2", "out 3");
    r.retainLines(List.of("l2"));
    assertThat(r.of("l1")).isEmpty();
    assertThat(r.of("l2")).hasSize(1);
  }

  @Test
  void aHugeOutputKeepsItsEnd() {
    RecentOutputs r = new RecentOutputs();
    String big = "x".repeat(RecentOutputs.MAX_CHARS + 10) + "summary";
    r.output(out("l1", 1, big));
    String kept = r.of("l1").getFirst().output();
    assertThat(kept).startsWith("[... 17 characters cut ...]\n").endsWith("summary");
  }
}
