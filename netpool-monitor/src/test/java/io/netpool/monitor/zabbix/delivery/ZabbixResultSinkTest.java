package io.netpool.monitor.zabbix.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.HostKeyPolicy;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.LineSpec;
import io.netpool.monitor.inventory.SecretRef;
import io.netpool.monitor.inventory.ZabbixEndpoint;
import io.netpool.monitor.inventory.ZabbixRoute;
import io.netpool.monitor.ping.PingPlatform;
import io.netpool.monitor.zabbix.discovery.HostProblem;
import io.netpool.monitor.zabbix.discovery.HostRef;
import io.netpool.pool.Protocol;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ZabbixResultSinkTest {
  static final Duration WAIT = Duration.ofSeconds(10);
  static final String STATUS = ZabbixItemKeys.DEFAULT_STATUS;
  static final String ERROR = ZabbixItemKeys.DEFAULT_ERROR;

  MiniTrapper server;
  MiniTrapper proxy;
  final AtomicReference<Inventory> inventory = new AtomicReference<>();
  ZabbixResultSink delivery;

  @BeforeEach
  void start() throws Exception {
    server = new MiniTrapper();
    proxy = new MiniTrapper();
  }

  @AfterEach
  void stop() throws Exception {
    if (delivery != null) {
      delivery.close();
    }
    server.close();
    proxy.close();
  }

  ZabbixResultSink delivery(ZabbixEndpoint defaultDestination) {
    return new ZabbixResultSink(
        ZabbixItemKeys.defaults(),
        defaultDestination,
        inventory::get,
        ep ->
            new TrapperQueue(
                TrapperQueueConfig.builder(ep.host())
                    .serverPort(ep.port())
                    .linger(Duration.ZERO)
                    .build()),
        Clock.systemUTC());
  }

  static LineSpec line(String id, ZabbixRoute route) {
    return new LineSpec(
        id,
        "r1",
        "192.0.2.1",
        null,
        null,
        5,
        Duration.ofSeconds(1),
        null,
        Duration.ofMinutes(1),
        Map.of(),
        route);
  }

  static Inventory inventory(LineSpec... lines) {
    DeviceSpec r1 =
        new DeviceSpec(
            "r1",
            "10.0.0.1",
            22,
            PingPlatform.of("linux"),
            Protocol.SSH,
            "u",
            SecretRef.literal("p"),
            null,
            null,
            0,
            HostKeyPolicy.OFF,
            Map.of());
    return new Inventory(Path.of("monitor.yml"), "d", List.of(r1), List.of(lines), List.of());
  }

  static CheckResult failed(String lineId) {
    Instant now = Instant.now();
    return CheckResult.failed(
        lineId, "r1", "192.0.2.1", now, now, now, FailureKind.ROUTER_UNREACHABLE, "refused", null);
  }

  static List<String> statusHosts(MiniTrapper t) {
    return t.values().stream()
        .filter(v -> v.key().equals(STATUS))
        .map(MiniTrapper.Value::host)
        .toList();
  }

  @Test
  void eachLineGoesToItsHostAtItsProxyOrTheDefaultDestination() {
    inventory.set(
        inventory(
            line("file-line", null),
            line("named", new ZabbixRoute("Line BJ-SH", null)),
            line("discovered", new ZabbixRoute("10.1.0.3", proxy.endpoint())),
            line("server-host", new ZabbixRoute("10.1.0.4", null))));
    delivery = delivery(server.endpoint());
    for (String id : List.of("file-line", "named", "discovered", "server-host")) {
      delivery.accept(failed(id));
    }
    await()
        .atMost(WAIT)
        .until(() -> statusHosts(server).size() == 3 && statusHosts(proxy).size() == 1);
    assertThat(statusHosts(server))
        .containsExactlyInAnyOrder("file-line", "Line BJ-SH", "10.1.0.4");
    assertThat(statusHosts(proxy)).containsExactly("10.1.0.3");
    assertThat(server.values())
        .anySatisfy(
            v -> {
              assertThat(v.key()).isEqualTo(ERROR);
              assertThat(v.value()).isEqualTo("refused");
            });
    assertThat(delivery.sinks()).containsOnlyKeys(server.endpoint(), proxy.endpoint());
  }

  @Test
  void aFailedCheckSendsItsFailureKindAsItsCode() {
    inventory.set(inventory(line("l1", null)));
    delivery = delivery(server.endpoint());
    delivery.accept(failed("l1"));
    await()
        .atMost(WAIT)
        .until(
            () -> server.values().stream().anyMatch(v -> v.key().equals("netpool.ping.failure")));
    assertThat(server.values())
        .filteredOn(v -> v.key().equals("netpool.ping.failure"))
        .extracting(MiniTrapper.Value::value)
        .containsExactly("1"); // router_unreachable
  }

  @Test
  void aRouterWithItsOwnHostGetsTheRouterItemFirstTheWayOfItsLine() {
    Inventory plain = inventory(line("l1", new ZabbixRoute("10.1.0.3", proxy.endpoint())));
    DeviceSpec r1 = plain.devices().get("r1").withZabbixHost("PE-1");
    inventory.set(
        new Inventory(
            Path.of("monitor.yml"),
            "d",
            List.of(r1),
            List.copyOf(plain.lines().values()),
            List.of()));
    delivery = delivery(server.endpoint());
    delivery.accept(failed("l1"));
    await().atMost(WAIT).until(() -> statusHosts(proxy).size() == 1);
    assertThat(proxy.values().getFirst())
        .as("the router host's value comes before the line's")
        .isEqualTo(new MiniTrapper.Value("PE-1", ZabbixItemKeys.DEFAULT_ROUTER, "1"));
    assertThat(proxy.values())
        .filteredOn(v -> v.key().equals(ZabbixItemKeys.DEFAULT_ROUTER))
        .extracting(MiniTrapper.Value::host)
        .containsExactly("PE-1", "10.1.0.3");
    assertThat(server.values()).isEmpty();
  }

  @Test
  void aRemovedLinesLastResultGoesWhereItsResultsWent() {
    inventory.set(inventory(line("moving", new ZabbixRoute("10.1.0.3", proxy.endpoint()))));
    delivery = delivery(server.endpoint());
    delivery.accept(failed("moving"));
    inventory.set(inventory()); // removed while its check was running
    delivery.accept(failed("moving"));
    await().atMost(WAIT).until(() -> statusHosts(proxy).size() == 2);
    assertThat(statusHosts(proxy)).containsExactly("10.1.0.3", "10.1.0.3");
    assertThat(server.values()).isEmpty();
  }

  @Test
  void hostProblemsAreSentAsTheErrorItemOfTheirHost() {
    inventory.set(inventory());
    delivery = delivery(server.endpoint());
    HostRef h1 = new HostRef("1", "10.1.0.1", "n1", "proxy dc1");
    HostRef h2 = new HostRef("2", "10.1.0.2", "n2", "server");
    HostRef h3 = new HostRef("3", "10.1.0.3", "n3", "proxy dc9");
    delivery.sendProblems(
        List.of(
            new HostProblem(
                h1,
                new ZabbixRoute("10.1.0.1", proxy.endpoint()),
                List.of("{$LINE_ROUTER_IP} is missing")),
            new HostProblem(h2, new ZabbixRoute("10.1.0.2", null), List.of("{$LINE_ID} is empty")),
            new HostProblem(h3, null, List.of("proxy 'dc9' is active ..."))));
    await().atMost(WAIT).until(() -> !proxy.values().isEmpty() && !server.values().isEmpty());
    assertThat(proxy.values())
        .containsExactly(
            new MiniTrapper.Value(
                "10.1.0.1", ERROR, "invalid line macros: {$LINE_ROUTER_IP} is missing"));
    assertThat(server.values())
        .containsExactly(
            new MiniTrapper.Value("10.1.0.2", ERROR, "invalid line macros: {$LINE_ID} is empty"));
  }

  @Test
  void withoutADefaultDestinationOnlyProxyLinesAreSent() {
    inventory.set(
        inventory(
            line("file-line", null),
            line("discovered", new ZabbixRoute("10.1.0.3", proxy.endpoint()))));
    delivery = delivery(null);
    delivery.accept(failed("file-line"));
    delivery.accept(failed("discovered"));
    await().atMost(WAIT).until(() -> statusHosts(proxy).size() == 1);
    assertThat(delivery.sinks()).containsOnlyKeys(proxy.endpoint());
    assertThat(server.values()).isEmpty();
  }
}
