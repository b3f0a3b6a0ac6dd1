package io.netpool.monitor.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpool.monitor.check.FailureKind;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StateEventsTest {
  static final Instant T = Instant.parse("2026-12-04T00:00:00Z");

  static StateChange line(String id, String router) {
    return new StateChange(id, router, T, LineCondition.UP, LineCondition.DOWN, "100% loss", false);
  }

  @Test
  void keepsTheLastEventsNumberedAndFiltersByLineAndItsRouter() {
    StateEvents e = new StateEvents(3);
    e.lineChanged(line("l1", "r1"));
    e.routerChanged(new RouterChange("r1", T, FailureKind.AUTH_FAILED, 2));
    e.lineChanged(line("l2", "r2"));
    e.lineChanged(line("l1", "r1"));
    assertThat(e.lastSeq()).isEqualTo(4);
    assertThat(e.after(0, null, null, 100))
        .as("the first was overwritten")
        .extracting(StateEvents.Event::seq)
        .containsExactly(2L, 3L, 4L);
    assertThat(e.after(0, "l1", "r1", 100))
        .extracting(StateEvents.Event::seq)
        .containsExactly(2L, 4L);
    assertThat(e.after(3, null, null, 100)).extracting(StateEvents.Event::seq).containsExactly(4L);
    assertThat(e.after(0, null, null, 1)).extracting(StateEvents.Event::seq).containsExactly(4L);
  }

  @Test
  void eventsAreJsonWithTheirNumber() {
    StateEvents e = new StateEvents();
    e.lineChanged(line("l1", "r1"));
    e.routerChanged(new RouterChange("r1", T, null, 2));
    assertThat(e.after(0, null, null, 10).get(0).json())
        .isEqualTo(
            "{\"event\":\"line_state\",\"seq\":1,\"time\":\"2026-12-04T00:00:00Z\",\"lineId\":\"l1\","
                + "\"routerId\":\"r1\",\"from\":\"up\",\"to\":\"down\",\"cause\":\"100% loss\","
                + "\"byRouter\":false}");
    assertThat(e.after(0, null, null, 10).get(1).json())
        .isEqualTo(
            "{\"event\":\"router_state\",\"seq\":2,\"time\":\"2026-12-04T00:00:00Z\","
                + "\"routerId\":\"r1\",\"state\":\"usable\",\"failure\":null,\"lines\":2}");
  }
}
