package io.netpool.monitor.zabbix.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.HostKeyPolicy;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.InventoryDiff;
import io.netpool.monitor.inventory.InventoryException;
import io.netpool.monitor.inventory.InventoryWatcher;
import io.netpool.monitor.inventory.LineSpec;
import io.netpool.monitor.inventory.SecretRef;
import io.netpool.monitor.inventory.ZabbixRoute;
import io.netpool.monitor.ping.PingPlatform;
import io.netpool.pool.Protocol;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ZabbixInventorySourceTest {
  static final ZabbixVersion V = ZabbixVersion.parse("7.0.0");
  static final Duration WAIT = Duration.ofSeconds(10);
  static final Inventory FILE =
      new Inventory(Path.of("monitor.yml"), "f0", List.of(), List.of(), List.of());

  record Reloaded(Inventory inventory, InventoryDiff diff) {}

  record Rejected(InventoryException error) {}

  final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
  final BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
  final List<List<HostProblem>> delivered = new CopyOnWriteArrayList<>();
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  ZabbixInventorySource source;

  final InventoryWatcher.Listener listener =
      new InventoryWatcher.Listener() {
        @Override
        public void reloaded(Inventory inventory, InventoryDiff diff) {
          events.add(new Reloaded(inventory, diff));
        }

        @Override
        public void rejected(InventoryException error) {
          events.add(new Rejected(error));
        }
      };

  /** Takes the next scripted answer: a result, or an exception to throw. */
  DiscoveryResult discover() throws ZabbixApiException {
    Object a;
    try {
      a = answers.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ZabbixApiException(ZabbixApiException.Kind.TRANSPORT, "test", 0, "interrupted", "");
    }
    if (a instanceof ZabbixApiException e) {
      throw e;
    }
    if (a == null) {
      throw new ZabbixApiException(ZabbixApiException.Kind.TRANSPORT, "test", 0, "no answer", "");
    }
    return (DiscoveryResult) a;
  }

  ZabbixInventorySource start(Inventory file) {
    return ZabbixInventorySource.builder(this::discover, file, listener)
        .syncInterval(Duration.ofHours(1)) // syncs come from syncSoon() only
        .initialBackoff(Duration.ofHours(1))
        .problemConsumer(delivered::add)
        .metrics(new DiscoveryMetrics(registry))
        .name("http://zabbix.test/api_jsonrpc.php")
        .start();
  }

  @AfterEach
  void stop() {
    if (source != null) {
      source.close();
    }
  }

  static DeviceSpec router(String ip, PingPlatform platform, Protocol protocol, String password) {
    return new DeviceSpec(
        ip,
        ip,
        22,
        platform,
        protocol,
        "netops",
        SecretRef.literal(password),
        null,
        null,
        0,
        HostKeyPolicy.STRICT,
        Map.of());
  }

  static DiscoveredLine line(String hostid, String id, DeviceSpec router, Duration interval) {
    String host = "10.1.0." + hostid;
    LineSpec l =
        new LineSpec(
            id,
            router.id(),
            host,
            null,
            null,
            5,
            Duration.ofSeconds(2),
            null,
            interval,
            Map.of(),
            new ZabbixRoute(host, null));
    return new DiscoveredLine(new HostRef(hostid, host, host, "server"), l, router);
  }

  static DiscoveryResult result(List<DiscoveredLine> lines, HostProblem... problems) {
    return new DiscoveryResult(V, "the server", lines, List.of(problems));
  }

  static HostProblem problem(String hostid, String message) {
    String host = "10.1.0." + hostid;
    return new HostProblem(
        new HostRef(hostid, host, host, "server"), new ZabbixRoute(host, null), List.of(message));
  }

  <T> T next(Class<T> type) throws InterruptedException {
    Object e = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(e).as("next event").isInstanceOf(type);
    return type.cast(e);
  }

  double syncs(String outcome) {
    return registry.get("netpool.zabbix.discovery.syncs").tag("outcome", outcome).counter().count();
  }

  @Test
  void eachSyncReconcilesAddedRemovedChangedAndMovedLinesAndRouterChanges() throws Exception {
    DeviceSpec r1 = router("10.0.0.1", PingPlatform.of("cisco_iosxe"), Protocol.CLI, "pw1");
    DeviceSpec r2 = router("10.0.0.2", PingPlatform.of("cisco_iosxe"), Protocol.SSH, "pw2");
    DeviceSpec r3 = router("10.0.0.3", PingPlatform.of("linux"), Protocol.SSH, "pw3");
    Duration m3 = Duration.ofMinutes(3);
    answers.add(
        result(List.of(line("1", "l1", r1, m3), line("2", "l2", r1, m3), line("3", "l3", r2, m3))));
    source = start(FILE);

    Reloaded first = next(Reloaded.class);
    assertThat(first.diff().linesAdded())
        .extracting(LineSpec::id)
        .containsExactly("l1", "l2", "l3");
    assertThat(first.diff().devicesAdded())
        .extracting(DeviceSpec::id)
        .containsExactly("10.0.0.1", "10.0.0.2");
    assertThat(source.current()).isSameAs(first.inventory());
    assertThat(first.inventory().lines()).containsOnlyKeys("l1", "l2", "l3");

    // l1: interval; l2: moved to r2; l3: gone; l4: new on new router r3;
    // r1: password changed; r2: platform and protocol changed
    DeviceSpec r1b = router("10.0.0.1", PingPlatform.of("cisco_iosxe"), Protocol.CLI, "pw1-new");
    DeviceSpec r2b = router("10.0.0.2", PingPlatform.of("huawei_vrp"), Protocol.CLI, "pw2");
    answers.add(
        result(
            List.of(
                line("1", "l1", r1b, Duration.ofMinutes(1)),
                line("2", "l2", r2b, m3),
                line("4", "l4", r3, m3))));
    source.syncSoon();
    InventoryDiff d = next(Reloaded.class).diff();
    assertThat(d.linesAdded()).extracting(LineSpec::id).containsExactly("l4");
    assertThat(d.linesRemoved()).extracting(LineSpec::id).containsExactly("l3");
    assertThat(d.linesChanged())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.next().id()).isEqualTo("l1");
              assertThat(c.fields()).containsExactly("interval");
            });
    assertThat(d.linesMoved())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.next().id()).isEqualTo("l2");
              assertThat(c.fields()).contains("router");
            });
    assertThat(d.devicesAdded()).extracting(DeviceSpec::id).containsExactly("10.0.0.3");
    assertThat(d.devicesRemoved()).isEmpty();
    assertThat(d.devicesChanged())
        .extracting(c -> c.next().id() + " " + new java.util.TreeSet<>(c.fields()))
        .containsExactlyInAnyOrder("10.0.0.1 [password]", "10.0.0.2 [platform, protocol]");
    assertThat(d.devicesToEvict())
        .extracting(DeviceSpec::id)
        .containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2");

    // the same again: nothing is handed on
    Inventory before = source.current();
    answers.add(
        result(
            List.of(
                line("1", "l1", r1b, Duration.ofMinutes(1)),
                line("2", "l2", r2b, m3),
                line("4", "l4", r3, m3))));
    source.syncSoon();
    await().atMost(WAIT).until(() -> syncs("success") == 3);
    assertThat(events).isEmpty();
    assertThat(source.current()).isSameAs(before);
  }

  @Test
  void aFailingSyncKeepsTheLastGoodInventoryAndIsReportedOncePerStreak() throws Exception {
    DeviceSpec r1 = router("10.0.0.1", PingPlatform.of("cisco_iosxe"), Protocol.CLI, "pw1");
    answers.add(result(List.of(line("1", "l1", r1, Duration.ofMinutes(3)))));
    source = start(FILE);
    Inventory good = next(Reloaded.class).inventory();

    answers.add(
        new ZabbixApiException(
            ZabbixApiException.Kind.TRANSPORT, "host.get", 0, "cannot reach the API", ""));
    source.syncSoon();
    Rejected rejected = next(Rejected.class);
    assertThat(rejected.error().getMessage())
        .contains("http://zabbix.test/api_jsonrpc.php", "discovery failed", "cannot reach the API");
    assertThat(source.current()).isSameAs(good);

    answers.add(
        new ZabbixApiException(ZabbixApiException.Kind.AUTH, "user.login", 0, "refused", ""));
    source.syncSoon();
    await().atMost(WAIT).until(() -> syncs("failure") == 2);
    assertThat(events).isEmpty(); // the same streak: reported once
    assertThat(source.current()).isSameAs(good);

    answers.add(
        result(
            List.of(
                line("1", "l1", r1, Duration.ofMinutes(3)),
                line("2", "l2", r1, Duration.ofMinutes(3)))));
    source.syncSoon();
    assertThat(next(Reloaded.class).diff().linesAdded())
        .extracting(LineSpec::id)
        .containsExactly("l2");
    await().atMost(WAIT).until(() -> syncs("success") == 2); // counted after the listener ran
    assertThat(registry.get("netpool.zabbix.discovery.lines").gauge().value()).isEqualTo(2);
    assertThat(registry.get("netpool.zabbix.discovery.last.success.timestamp").gauge().value())
        .isPositive();
  }

  @Test
  void problemsAreLoggedOncePerChangeAndDeliveredAtEverySync() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(ZabbixInventorySource.class);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    logger.addAppender(logs);
    try {
      HostProblem missing = problem("7", "{$LINE_ROUTER_IP} is missing");
      answers.add(result(List.of(), missing));
      answers.add(result(List.of(), missing));
      source = start(FILE);
      await().atMost(WAIT).until(() -> syncs("success") == 1);
      source.syncSoon();
      await().atMost(WAIT).until(() -> syncs("success") == 2);
      answers.add(result(List.of(), problem("7", "{$LINE_ID} is missing")));
      source.syncSoon();
      await().atMost(WAIT).until(() -> syncs("success") == 3);
      answers.add(result(List.of()));
      source.syncSoon();
      await().atMost(WAIT).until(() -> syncs("success") == 4);
    } finally {
      logger.detachAppender(logs);
    }
    List<String> warnings = new ArrayList<>();
    for (ILoggingEvent e : logs.list) {
      if (e.getLevel() == Level.WARN) {
        warnings.add(e.getFormattedMessage());
      }
    }
    assertThat(warnings)
        .containsExactly(
            "Zabbix host '10.1.0.7' (hostid 7, server) is not monitored: {$LINE_ROUTER_IP} is"
                + " missing",
            "Zabbix host '10.1.0.7' (hostid 7, server) is not monitored: {$LINE_ID} is missing");
    assertThat(logs.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .contains("Zabbix hosts no longer with a problem: hostid [7]");
    assertThat(delivered).hasSize(3); // the syncs with problems, each time
    assertThat(registry.get("netpool.zabbix.discovery.invalid.hosts").gauge().value()).isZero();
    assertThat(source.problems()).isEmpty();
  }

  @Test
  void aChangedFileIsMergedWithTheLastDiscoveryAndItsIdsWin() throws Exception {
    DeviceSpec r1 = router("10.0.0.1", PingPlatform.of("cisco_iosxe"), Protocol.CLI, "pw1");
    answers.add(
        result(
            List.of(
                line("1", "l1", r1, Duration.ofMinutes(3)),
                line("2", "shared", r1, Duration.ofMinutes(3)))));
    source = start(FILE);
    next(Reloaded.class);

    DeviceSpec edge = router("edge1", PingPlatform.of("linux"), Protocol.SSH, "e");
    LineSpec fileLine =
        new LineSpec(
            "shared",
            "edge1",
            "192.0.2.1",
            null,
            null,
            5,
            Duration.ofSeconds(2),
            null,
            Duration.ofMinutes(3),
            Map.of());
    Inventory file =
        new Inventory(Path.of("monitor.yml"), "f1", List.of(edge), List.of(fileLine), List.of());
    source.fileChanged(file);
    Reloaded r = next(Reloaded.class);
    assertThat(r.inventory().lines()).containsOnlyKeys("shared", "l1");
    assertThat(r.inventory().lines().get("shared").router()).isEqualTo("edge1");
    assertThat(r.diff().linesMoved()).extracting(c -> c.next().id()).containsExactly("shared");
    assertThat(source.problems())
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.messages())
                    .containsExactly("{$LINE_ID} 'shared' is also a line id in monitor.yml"));
  }
}
