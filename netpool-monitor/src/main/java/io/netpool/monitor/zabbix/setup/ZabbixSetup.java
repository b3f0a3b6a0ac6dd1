package io.netpool.monitor.zabbix.setup;

import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.LineSpec;
import io.netpool.monitor.zabbix.discovery.ZabbixApiClient;
import io.netpool.monitor.zabbix.discovery.ZabbixApiException;
import io.netpool.monitor.zabbix.setup.ZabbixObjects.Host;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code netpool zabbix-setup}: makes a broken router one Zabbix problem instead of one per line
 * (docs/zabbix.md, "Router problems"). It imports the shipped templates, creates each router's own
 * host (a device's {@code zabbix_host}) linked to {@code netpool router} where it is missing, and
 * makes the line triggers of each line host depend on its router host's router trigger. Zabbix lets
 * a template trigger depend only on triggers of templates, so dependencies between two hosts are
 * set on the hosts, here. Idempotent: run it again after the inventory changes; a line that moved
 * to another router has its old router dependency replaced.
 */
public final class ZabbixSetup {

  /** The host group of router hosts the setup creates. */
  public static final String DEFAULT_GROUP = "netpool routers";

  /** Line triggers that do not depend on the router: a silent monitor is not the router's fault. */
  private static final String NO_DATA_PREFIX = "netpool: no data";

  private static final String LINE_TRIGGER_PREFIX = "netpool: ";

  /**
   * The line template's switch of its own router trigger: 0 on the line hosts of a router with a
   * host of its own, so that the router problem is raised there only. A macro and not only the
   * trigger dependency: Zabbix evaluates the triggers of two hosts in parallel (several history
   * syncers), so a dependency on another host's trigger that turns to problem in the same second
   * does not hold the line's trigger back; the macro does, always.
   */
  public static final String ROUTER_ON_LINE = "{$NETPOOL.ROUTER.ON.LINE}";

  /**
   * A router with a Zabbix host of its own.
   *
   * @param routerId the device id
   * @param routerHost its Zabbix host, or null when it has none (its lines carry the router
   *     problem)
   * @param lineHosts the Zabbix hosts of its lines
   */
  public record RouterLines(String routerId, String routerHost, List<String> lineHosts) {}

  private final ZabbixObjects zabbix;
  private final SetupLog log;

  private ZabbixSetup(ZabbixObjects zabbix, SetupLog log) {
    this.zabbix = zabbix;
    this.log = log;
  }

  /** The routers of {@code inventory} that have lines, with their Zabbix hosts and their lines'. */
  public static List<RouterLines> routers(Inventory inventory) {
    Map<String, Set<String>> lineHosts = new TreeMap<>();
    for (LineSpec line : inventory.lines().values()) {
      DeviceSpec router = inventory.devices().get(line.router());
      if (router != null) {
        lineHosts
            .computeIfAbsent(router.id(), k -> new LinkedHashSet<>())
            .add(line.zabbixRoute().host());
      }
    }
    List<RouterLines> out = new ArrayList<>();
    lineHosts.forEach(
        (id, hosts) ->
            out.add(
                new RouterLines(id, inventory.devices().get(id).zabbixHost(), List.copyOf(hosts))));
    return out;
  }

  /**
   * Sets Zabbix up for these routers.
   *
   * @param group the host group of router hosts created here (created when missing)
   * @param importTemplates import the shipped templates first
   * @param dryRun only read, and report what would change
   */
  public static SetupLog run(
      ZabbixApiClient api,
      List<RouterLines> routers,
      String group,
      boolean importTemplates,
      boolean dryRun)
      throws ZabbixApiException {
    SetupLog log = new SetupLog(dryRun);
    if (importTemplates) {
      if (dryRun) {
        log.action("import the templates netpool_router.yaml and netpool_line.yaml");
      } else {
        ShippedTemplates.importAll(api).forEach(log::action);
      }
    }
    ZabbixObjects zabbix = new ZabbixObjects(api);
    Optional<String> template = zabbix.templateId(ShippedTemplates.ROUTER);
    if (template.isEmpty()) {
      log.problem(
          "template '"
              + ShippedTemplates.ROUTER
              + "' is not in Zabbix: import zabbix/templates/netpool_router.yaml (without"
              + " --no-import this command does)");
      return log;
    }
    new ZabbixSetup(zabbix, log).routers(routers, group, template.get());
    return log;
  }

  private void routers(List<RouterLines> routers, String group, String templateId)
      throws ZabbixApiException {
    Set<String> names = new HashSet<>();
    routers.forEach(
        r -> {
          if (r.routerHost() != null) {
            names.add(r.routerHost());
          }
          names.addAll(r.lineHosts());
        });
    Map<String, Host> hosts = zabbix.hosts(names);
    String groupId = null;
    for (RouterLines r : routers) {
      if (r.routerHost() == null) {
        for (String name : r.lineHosts()) {
          if (hosts.containsKey(name)) {
            routerProblemOnLine(hosts.get(name));
          }
        }
        continue;
      }
      List<Host> lines = new ArrayList<>();
      for (String name : r.lineHosts()) {
        Host h = hosts.get(name);
        if (h == null) {
          log.problem("line host '" + name + "' of router " + r.routerId() + " is not in Zabbix");
        } else {
          lines.add(h);
        }
      }
      Set<String> proxies = new LinkedHashSet<>();
      lines.forEach(h -> proxies.add(String.valueOf(h.proxyId())));
      if (proxies.size() > 1) {
        log.problem(
            "router "
                + r.routerId()
                + ": its line hosts are monitored by different proxies; its router values would"
                + " reach some through the wrong one: keep the lines of one router on one proxy");
        continue;
      }
      String proxy = lines.isEmpty() ? null : lines.get(0).proxyId();
      Host router = hosts.get(r.routerHost());
      if (router == null) {
        if (groupId == null) {
          groupId = group(group);
        }
        router = createRouterHost(r, groupId, templateId, proxy);
        if (router == null) {
          continue; // dry run: nothing to depend on yet
        }
      } else if (!sameProxy(router, proxy, r)) {
        continue;
      } else {
        linkRouterTemplate(router, templateId);
      }
      dependOnRouter(router, lines);
    }
  }

  private void linkRouterTemplate(Host router, String templateId) throws ZabbixApiException {
    if (!zabbix.linkedTemplates(router.id()).contains(templateId)) {
      change(() -> zabbix.linkTemplate(router.id(), templateId));
      log.action("link template '" + ShippedTemplates.ROUTER + "' to host '" + router.name() + "'");
    }
  }

  private String group(String name) throws ZabbixApiException {
    Optional<String> id = zabbix.hostGroup(name, !log.dryRun());
    if (id.isEmpty()) {
      log.action("create host group '" + name + "'");
      return null;
    }
    return id.get();
  }

  private Host createRouterHost(RouterLines r, String groupId, String templateId, String proxy)
      throws ZabbixApiException {
    log.action(
        "create host '"
            + r.routerHost()
            + "' for router "
            + r.routerId()
            + " ("
            + (proxy == null ? "monitored by the server" : "monitored by proxy id " + proxy)
            + ", template '"
            + ShippedTemplates.ROUTER
            + "') and make the line triggers of "
            + String.join(", ", r.lineHosts())
            + " depend on its router trigger");
    if (log.dryRun()) {
      return null;
    }
    String id = zabbix.createHost(r.routerHost(), groupId, templateId, proxy);
    return new Host(id, r.routerHost(), proxy);
  }

  private boolean sameProxy(Host router, String lineProxy, RouterLines r) {
    if (java.util.Objects.equals(router.proxyId(), lineProxy)) {
      return true;
    }
    log.problem(
        "router host '"
            + router.name()
            + "' of router "
            + r.routerId()
            + " is monitored by "
            + (router.proxyId() == null ? "the server" : "proxy id " + router.proxyId())
            + ", its line hosts by "
            + (lineProxy == null ? "the server" : "proxy id " + lineProxy)
            + ": netpool sends router values the way of the lines, so move one of them");
    return false;
  }

  /** Makes every line trigger (but no data) of each line host depend on the router trigger. */
  private void dependOnRouter(Host router, List<Host> lines) throws ZabbixApiException {
    String routerTrigger = null;
    for (ZabbixObjects.Trigger t : zabbix.triggers(router.id())) {
      if (t.description().equals(ShippedTemplates.ROUTER_TRIGGER)) {
        routerTrigger = t.id();
      }
    }
    if (routerTrigger == null) {
      log.problem(
          "host '"
              + router.name()
              + "' has no trigger '"
              + ShippedTemplates.ROUTER_TRIGGER
              + "': is template '"
              + ShippedTemplates.ROUTER
              + "' linked?");
      return;
    }
    for (Host line : lines) {
      dependOn(line, routerTrigger, router.name());
      routerProblemOnRouterHost(line, router.name());
    }
  }

  /** Sets {@link #ROUTER_ON_LINE} to 0 on the line host. */
  private void routerProblemOnRouterHost(Host line, String routerHost) throws ZabbixApiException {
    Optional<ZabbixObjects.HostMacro> m = zabbix.hostMacro(line.id(), ROUTER_ON_LINE);
    if (m.isPresent() && m.get().value().equals("0")) {
      return;
    }
    if (m.isPresent()) {
      change(() -> zabbix.updateHostMacro(m.get().id(), "0"));
    } else {
      change(() -> zabbix.createHostMacro(line.id(), ROUTER_ON_LINE, "0"));
    }
    log.action(
        "set "
            + ROUTER_ON_LINE
            + "=0 on line host '"
            + line.name()
            + "': its router problem is raised on '"
            + routerHost
            + "'");
  }

  /** Removes the line host's {@link #ROUTER_ON_LINE}: its router has no host of its own (now). */
  private void routerProblemOnLine(Host line) throws ZabbixApiException {
    Optional<ZabbixObjects.HostMacro> m = zabbix.hostMacro(line.id(), ROUTER_ON_LINE);
    if (m.isEmpty()) {
      return;
    }
    change(() -> zabbix.deleteHostMacro(m.get().id()));
    log.action(
        "remove "
            + ROUTER_ON_LINE
            + " from line host '"
            + line.name()
            + "': its router has no Zabbix host, the router problem is raised on the line host");
  }

  private void dependOn(Host line, String routerTrigger, String routerHost)
      throws ZabbixApiException {
    List<ZabbixObjects.Trigger> triggers = new ArrayList<>();
    Set<String> dependencyIds = new HashSet<>();
    for (ZabbixObjects.Trigger t : zabbix.triggers(line.id())) {
      if (t.description().startsWith(LINE_TRIGGER_PREFIX)
          && !t.description().startsWith(NO_DATA_PREFIX)) {
        triggers.add(t);
        dependencyIds.addAll(t.dependsOn());
      }
    }
    if (triggers.isEmpty()) {
      log.problem(
          "line host '"
              + line.name()
              + "' has no netpool triggers: link template '"
              + ShippedTemplates.LINE
              + "' to it");
      return;
    }
    Map<String, String> names = zabbix.descriptions(dependencyIds);
    int changed = 0;
    for (ZabbixObjects.Trigger t : triggers) {
      Set<String> wanted = new LinkedHashSet<>();
      for (String dep : t.dependsOn()) {
        // the router trigger of another router host: the line moved
        if (!ShippedTemplates.ROUTER_TRIGGER.equals(names.get(dep)) || dep.equals(routerTrigger)) {
          wanted.add(dep);
        }
      }
      wanted.add(routerTrigger);
      if (!wanted.equals(new LinkedHashSet<>(t.dependsOn()))) {
        change(() -> zabbix.setDependencies(t.id(), wanted));
        changed++;
      }
    }
    if (changed > 0) {
      log.action(
          "make "
              + changed
              + " triggers of line host '"
              + line.name()
              + "' depend on the router trigger of '"
              + routerHost
              + "'");
    }
  }

  /** A write, skipped in a dry run. */
  private void change(ApiWrite write) throws ZabbixApiException {
    if (!log.dryRun()) {
      write.run();
    }
  }

  @FunctionalInterface
  private interface ApiWrite {
    void run() throws ZabbixApiException;
  }
}
