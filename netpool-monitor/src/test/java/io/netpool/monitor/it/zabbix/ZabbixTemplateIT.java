package io.netpool.monitor.it.zabbix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netpool.monitor.zabbix.delivery.ZabbixItemKeys;
import io.netpool.monitor.zabbix.discovery.ZabbixApiClient;
import io.netpool.monitor.zabbix.setup.ShippedTemplates;
import io.netpool.pool.Secret;
import io.netpool.sim.DeviceSpec;
import io.netpool.sim.SimulatedDevice;
import io.netpool.sim.Simulator;
import io.netpool.sim.platform.Platform;
import io.netpool.sim.platform.TargetBehaviour;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, parts 3, 4 and 6: the shipped templates ({@code zabbix/templates/}), imported with
 * {@code configuration.import} into a real Zabbix 6.0 and linked to line hosts, with the router
 * host and dependencies made by the real {@code netpool zabbix-setup}, get the values of the real
 * {@code netpool run} (in this JVM, lines from {@code monitor.yml}) and their triggers fire in the
 * server ({@code problem.get}):
 *
 * <ul>
 *   <li>clean line: no problem at all;
 *   <li>down line (every probe lost): the line-down problem, nothing else;
 *   <li>two lines of a router that refuses the login and has its own Zabbix host: one problem, the
 *       router problem on the router host, and no problem on either line host;
 *   <li>a line of a router that refuses the login and has no Zabbix host: the router problem on the
 *       line host, and none of the line problems that depend on it (check failing in particular);
 *   <li>a line removed from {@code monitor.yml} while the monitor runs: "no data" after its host's
 *       {@code {$NETPOOL.NODATA.PERIOD}} (30 s here; the template's default is 9m).
 * </ul>
 *
 * <p>Issue 15: the clean line also reads its router's own UDP jitter operation ({@code probe:
 * [ping, sla]}): its SLA items get values and it has no problem; a line whose measurement is a
 * router SLA operation that does not exist has the SLA problem only, not "check failing".
 *
 * <p>The thresholds are the template's defaults ({@code #2} checks for down and failures); only the
 * no-data period is shortened, as a host macro, as an operator would.
 */
@Timeout(300)
class ZabbixTemplateIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  /** Long enough for the no-data period plus the server's 30 s nodata timer after the removal. */
  private static final Duration RUN = Duration.ofSeconds(100);

  private static final String USER = "netops";
  private static final String PASSWORD = "Tmpl-Pa55!";
  private static final String READY_KEY = ZabbixItemKeys.DEFAULT_ERROR;

  private static final String ROUTER_PROBLEM = "netpool: router of the line cannot be used";
  private static final String ROUTER_HOST_PROBLEM = "netpool: router cannot be used";
  private static final String DOWN_PROBLEM = "netpool: line down (100% loss)";
  private static final String CHECK_FAILING = "netpool: check failing";
  private static final String NO_DATA = "netpool: no data";
  private static final String SLA_PROBLEM = "netpool: router SLA operation";

  @TempDir static Path dir;

  private static Simulator sim;
  private static ZabbixAdmin admin;
  private static InProcessCli run;

  /** Zabbix host id by line id. */
  private static final Map<String, String> hostIds = new LinkedHashMap<>();

  /** Zabbix host name by line id. */
  private static final Map<String, String> hosts = new LinkedHashMap<>();

  /** The refusing router's own host, made by zabbix-setup. */
  private static String routerHost;

  private static String routerGroup;

  @BeforeAll
  static void importTemplateAndRunTheMonitor() throws Exception {
    if (!RealZabbix.available()) {
      return; // each test skips with the reason
    }
    RealZabbix zabbix = RealZabbix.get();
    admin = zabbix.admin();
    String template = importShippedTemplates(zabbix);
    sim =
        Simulator.builder()
            .credentials(USER, PASSWORD)
            .device(
                DeviceSpec.builder("xe", Platform.CISCO_IOSXE)
                    .target("10.0.9.1", TargetBehaviour.totalLoss())
                    .defaultTarget(TargetBehaviour.latency(3, 3))
                    .slaOperation(
                        "20",
                        io.netpool.sim.platform.sla.SlaOperation.udpJitter("10.0.0.1")
                            .withJitter(2))
                    .build(),
                DeviceSpec.builder("refuser", Platform.CISCO_IOSXE)
                    .defaultTarget(TargetBehaviour.latency(3, 3))
                    .build(),
                DeviceSpec.builder("solo-refuser", Platform.CISCO_IOSXE)
                    .defaultTarget(TargetBehaviour.latency(3, 3))
                    .build())
            .start();

    String group = admin.createHostGroup(admin.name("tmpl-lines"));
    for (String line :
        List.of("clean", "down", "auth-1", "auth-2", "solo", "stops", "sla-missing")) {
      HostSpec spec = HostSpec.of(admin.name("tmpl-" + line), group).withTemplate(template);
      if (line.equals("stops")) {
        spec = spec.withMacro("{$NETPOOL.NODATA.PERIOD}", "30s");
      }
      hostIds.put(line, admin.createHost(spec));
      hosts.put(line, spec.host());
    }
    routerHost = admin.name("tmpl-router-refuser");
    routerGroup = admin.name("tmpl-routers");
    Path config = writeMonitorYml(true);
    setUpRouterHosts(config);
    awaitTrapperKnowsHosts(zabbix);

    run =
        InProcessCli.start(
            List.of(
                "run",
                "-c",
                config.toString(),
                "--duration",
                Long.toString(RUN.toSeconds()),
                "--no-table",
                "--zabbix",
                zabbix.trapperHost() + ":" + zabbix.trapperPort()));
  }

  /** With the code of {@code netpool zabbix-setup}: the same import an operator gets. */
  private static String importShippedTemplates(RealZabbix zabbix) throws Exception {
    try (ZabbixApiClient api =
        new ZabbixApiClient(
            zabbix.apiUrl(),
            new ZabbixApiClient.Login(zabbix.user(), Secret.of(zabbix.password())),
            Duration.ofSeconds(30))) {
      ShippedTemplates.importAll(api);
    }
    return admin.templateId(ShippedTemplates.LINE).orElseThrow();
  }

  /**
   * The real command creates the refusing router's host and its dependencies; run again, it finds
   * nothing to change.
   */
  private static void setUpRouterHosts(Path config) throws Exception {
    List<String> setup =
        List.of("zabbix-setup", "-c", config.toString(), "--no-import", "--group", routerGroup);
    assertThat(InProcessCli.start(setup).awaitExit(WAIT)).as("zabbix-setup exit code").isZero();
    String id = admin.hostId(routerHost).orElseThrow();
    hostIds.put("router", id);
    hosts.put("router", routerHost);
    List<String> again = new java.util.ArrayList<>(setup);
    again.add("--dry-run");
    java.io.StringWriter out = new java.io.StringWriter();
    assertThat(InProcessCli.start(again, out).awaitExit(WAIT)).as("second run").isZero();
    assertThat(out.toString()).contains("0 changes");
  }

  private static void awaitTrapperKnowsHosts(RealZabbix zabbix) {
    admin.reloadConfigCache();
    TrapperProbe probe = new TrapperProbe(zabbix.trapperHost(), zabbix.trapperPort());
    await("server configuration knows the new hosts' template items")
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                hosts.entrySet().stream()
                    .allMatch(
                        h ->
                            probe.accepts(
                                h.getValue(),
                                h.getKey().equals("router")
                                    ? ZabbixItemKeys.DEFAULT_ROUTER
                                    : READY_KEY,
                                h.getKey().equals("router") ? "0" : "ready")));
  }

  /** The monitor's file; without the "stops" line once it has to stop. */
  private static Path writeMonitorYml(boolean withStoppingLine) throws IOException {
    Files.writeString(dir.resolve("router.password"), PASSWORD + "\n");
    Files.writeString(dir.resolve("wrong.password"), "not-" + PASSWORD + "\n");
    Files.writeString(dir.resolve("zabbix-api.password"), RealZabbix.get().password() + "\n");
    SimulatedDevice xe = sim.device("xe");
    SimulatedDevice refuser = sim.device("refuser");
    SimulatedDevice solo = sim.device("solo-refuser");
    StringBuilder yml =
        new StringBuilder(
            """
            defaults:
              device:
                username: %s
                platform: cisco_iosxe
                host_key: off   # simulated routers have a fresh host key per start
              line:
                interval: 5s
                repeat: 2
                timeout: 1s
            devices:
              - id: xe
                host: %s
                port: %d
                password: {file: router.password}
              - id: refuser
                host: %s
                port: %d
                password: {file: wrong.password}
                zabbix_host: %s
              - id: solo-refuser
                host: %s
                port: %d
                password: {file: wrong.password}
            zabbix:
              api:
                url: %s
                username: %s
                password: {file: zabbix-api.password}
            lines:
            """
                .formatted(
                    USER,
                    xe.host(),
                    xe.port(),
                    refuser.host(),
                    refuser.port(),
                    routerHost,
                    solo.host(),
                    solo.port(),
                    RealZabbix.get().apiUrl(),
                    RealZabbix.get().user()));
    line(yml, "clean", "xe", "10.0.0.1");
    yml.append("    probe: [ping, sla]\n    operation: 20\n");
    line(yml, "sla-missing", "xe", "10.0.0.6");
    yml.append("    probe: sla\n    operation: 99\n");
    line(yml, "down", "xe", "10.0.9.1");
    line(yml, "auth-1", "refuser", "10.0.0.2");
    line(yml, "auth-2", "refuser", "10.0.0.3");
    line(yml, "solo", "solo-refuser", "10.0.0.5");
    if (withStoppingLine) {
      line(yml, "stops", "xe", "10.0.0.4");
    }
    Path file = dir.resolve("monitor.yml");
    Path tmp = dir.resolve("monitor.yml.tmp");
    Files.writeString(tmp, yml, StandardCharsets.UTF_8);
    // one atomic replace: the watcher never reads half a file
    return Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private static void line(StringBuilder yml, String id, String router, String target) {
    yml.append("  - id: ")
        .append(id)
        .append("\n    router: ")
        .append(router)
        .append("\n    target: ")
        .append(target)
        .append("\n    zabbix_host: ")
        .append(hosts.get(id))
        .append('\n');
  }

  @AfterAll
  static void cleanUp() throws Exception {
    try {
      if (run != null) {
        run.awaitExit(RUN.plus(WAIT));
      }
    } finally {
      try {
        if (admin != null) {
          if (hostIds.containsKey("router")) {
            admin.deleteHost(hostIds.get("router")); // made by zabbix-setup, not by the admin
          }
          admin.hostGroupId(routerGroup).ifPresent(admin::deleteHostGroup);
          admin.close();
        }
      } finally {
        if (sim != null) {
          sim.close();
        }
      }
    }
  }

  private static List<String> problems(String line) {
    return admin.problems(hostIds.get(line));
  }

  /** Waits until the line's host has a problem whose name starts with {@code prefix}. */
  private static void awaitProblem(String line, String prefix, Duration atMost) {
    await(line + ": problem " + prefix)
        .atMost(atMost)
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> problems(line).stream().anyMatch(p -> p.startsWith(prefix)));
  }

  /** Waits until the host holds at least {@code n} values of the status item. */
  private static void awaitStatusValues(String line, int n) {
    String itemId = admin.itemId(hostIds.get(line), ZabbixItemKeys.DEFAULT_STATUS);
    await(line + ": " + n + " status values")
        .atMost(WAIT)
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> admin.history(itemId, ValueType.UNSIGNED).size() >= n);
  }

  /** One test: the removal of the stopping line must come after the other lines' checks. */
  @Test
  void downLineRefusedRouterAndSilentLineRaiseTheirProblemsOnly() throws Exception {
    RealZabbix.get();
    awaitProblem("down", DOWN_PROBLEM, WAIT);
    awaitProblem("router", ROUTER_HOST_PROBLEM, WAIT);
    awaitProblem("solo", ROUTER_PROBLEM, WAIT);
    awaitStatusValues("stops", 2);

    // Remove the line; then the checks that were still to be evaluated make no difference.
    writeMonitorYml(false);
    // Two more failed checks of the refusing routers after their problems: still no line problem.
    awaitStatusValues("auth-1", 4);
    awaitStatusValues("auth-2", 4);
    awaitStatusValues("solo", 4);
    awaitStatusValues("clean", 4);
    assertThat(problems("clean")).as("problems of the clean line").isEmpty();
    String jitter = admin.itemId(hostIds.get("clean"), "netpool.sla.jitter.sd");
    assertThat(admin.history(jitter, ValueType.FLOAT))
        .as("the clean line's router SLA jitter values")
        .isNotEmpty();
    awaitProblem("sla-missing", SLA_PROBLEM, WAIT);
    awaitStatusValues("sla-missing", 4);
    assertThat(problems("sla-missing"))
        .as("a missing router SLA operation is one problem, not also check failing")
        .singleElement()
        .satisfies(p -> assertThat(p).contains("sla_not_configured"));
    assertThat(problems("down")).as("problems of the down line").containsExactly(DOWN_PROBLEM);
    assertThat(problems("router"))
        .as("problems of the router host of the router that refuses the login")
        .singleElement()
        .satisfies(p -> assertThat(p).startsWith(ROUTER_HOST_PROBLEM).contains("auth_failed"));
    for (String line : List.of("auth-1", "auth-2")) {
      assertThat(problems(line))
          .as("problems of %s, a line of the router with its own host: that host has it", line)
          .isEmpty();
    }
    assertThat(problems("solo"))
        .as("problems of the line of the router without a host of its own")
        .singleElement()
        .satisfies(p -> assertThat(p).startsWith(ROUTER_PROBLEM).contains("auth_failed"));

    awaitProblem("stops", NO_DATA, Duration.ofSeconds(90));
    assertThat(run.isRunning())
        .as("the monitor still runs: the no-data comes from the removal, not from its end")
        .isTrue();
    assertThat(problems("stops")).as("problems of the stopped line").hasSize(1);
    assertThat(problems("clean")).as("the running lines have data").isEmpty();
  }
}
