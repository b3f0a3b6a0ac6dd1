package io.netpool.monitor.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netpool.monitor.inventory.Inventory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * {@code /healthz}, {@code /readyz} and the watchdog against silent death: a check that blocks
 * forever makes the monitor not ready within 3 intervals, with the gauge set; checks that finish
 * keep it ready.
 */
class ReadinessAndWatchdogTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static Inventory oneLineEverySecond() {
    return TestInventory.create()
        .add(TestInventory.fakeDevice("r1", 0))
        .add(TestInventory.line("l1", "r1", "192.0.2.1", Duration.ofSeconds(1)))
        .build();
  }

  private static HttpResponse<String> get(URI base, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aCheckThatNeverFinishesMakesTheMonitorNotReady() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    try (MonitorRuntime runtime =
        MonitorRuntime.builder(oneLineEverySecond())
            .lineCheck(
                (pool, toDevice, config) ->
                    (line, router, due) -> {
                      never.await(); // a probe stuck forever, as in the original system
                      throw new IllegalStateException("unreachable");
                    })
            .http("127.0.0.1", 0, null)
            .start()) {
      URI base = runtime.statusUri();
      assertThat(get(base, "/readyz").statusCode()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(20)).until(() -> get(base, "/readyz").statusCode() == 503);
      HttpResponse<String> ready = get(base, "/readyz");
      assertThat(ready.body())
          .contains("\"ready\":false")
          .contains("watchdog: no check finished for")
          .contains("3 x the shortest interval, 1 s");
      assertThat(get(base, "/healthz").statusCode()).isEqualTo(200);
      assertThat(get(base, "/metrics").body()).contains("netpool_watchdog_stalled 1.0");
      never.countDown(); // let the stuck check end, so close() need not wait out its grace
    }
  }

  @Test
  void checksThatFinishKeepItReady() throws Exception {
    try (MonitorRuntime runtime =
        MonitorRuntime.builder(oneLineEverySecond())
            .lineCheck(TestChecks.instantOk())
            .http("127.0.0.1", 0, null)
            .start()) {
      URI base = runtime.statusUri();
      // past the watchdog's deadline (3 s), results keep coming: still ready
      await()
          .pollDelay(Duration.ofSeconds(4))
          .atMost(Duration.ofSeconds(20))
          .until(() -> runtime.store().history("l1").size() >= 3);
      HttpResponse<String> ready = get(base, "/readyz");
      assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
      assertThat(ready.body()).isEqualTo("{\"ready\":true,\"reasons\":[]}");
      assertThat(get(base, "/metrics").body()).contains("netpool_watchdog_stalled 0.0");
      assertThat(List.of(runtime.monitor().isRunning())).containsExactly(true);
    }
  }

  @Test
  void aSinkThatCannotDeliverMakesTheMonitorNotReady() throws Exception {
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort(); // nothing listens there once closed
    }
    try (MonitorRuntime runtime =
        MonitorRuntime.builder(oneLineEverySecond())
            .lineCheck(TestChecks.instantOk())
            .zabbixServer("127.0.0.1", closedPort)
            .http("127.0.0.1", 0, null)
            .start()) {
      URI base = runtime.statusUri();
      await().atMost(Duration.ofSeconds(20)).until(() -> get(base, "/readyz").statusCode() == 503);
      assertThat(get(base, "/readyz").body())
          .contains("Zabbix delivery failing: 127.0.0.1:" + closedPort);
    }
  }
}
