package io.netpool.monitor.zabbix.discovery;

import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.ZabbixEndpoint;
import io.netpool.monitor.inventory.ZabbixRoute;
import io.netpool.monitor.zabbix.ZabbixSettings;
import io.netpool.monitor.zabbix.discovery.MacroResolver.Resolution;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what the API returned into lines and host problems (a pure function apart from reading
 * password references):
 *
 * <ol>
 *   <li>hosts that are not enabled, not monitored by the configured proxy (or the server), or do
 *       not carry the tag with exactly the configured value (the API's match is checked again) are
 *       not line hosts;
 *   <li>each line host's macros are resolved ({@link MacroResolver}) and read ({@link LineMacros});
 *       its Zabbix route is the proxy's trapper ({@code zabbix.sender.proxies}, else the address of
 *       a passive proxy from the API) or the default destination;
 *   <li>in hostid order, the first host with a line id keeps it, and the first host that defines a
 *       router sets its credentials, platform and protocol; later hosts that disagree are problems.
 * </ol>
 */
final class DiscoveryMapper {
  private static final Logger log = LoggerFactory.getLogger(DiscoveryMapper.class);

  private final ZabbixSettings.Discovery discovery;
  private final ZabbixSettings.Sender sender;
  private final UnaryOperator<String> environment;

  /**
   * @param discovery tag, defaults
   * @param sender trapper addresses per proxy, or null
   * @param environment reads {@code env:NAME} password references
   */
  DiscoveryMapper(
      ZabbixSettings.Discovery discovery,
      ZabbixSettings.Sender sender,
      UnaryOperator<String> environment) {
    this.discovery = Objects.requireNonNull(discovery, "discovery");
    this.sender = sender;
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  DiscoveryResult map(ZabbixSnapshot snapshot) {
    List<ZabbixHost> hosts = new ArrayList<>(snapshot.hosts());
    hosts.sort(Comparator.comparing(ZabbixHost::id, MacroResolver::compareIds));
    List<HostProblem> problems = new ArrayList<>();
    List<DiscoveredLine> candidates = new ArrayList<>();
    LineMacros.Defaults defaults = LineMacros.Defaults.of(discovery);
    for (ZabbixHost host : hosts) {
      if (!isLineHost(host, snapshot.proxy())) {
        continue;
      }
      HostRef ref = new HostRef(host.id(), host.host(), host.name(), monitoredBy(host, snapshot));
      List<String> messages = new ArrayList<>();
      ZabbixRoute route = route(host, snapshot.proxy(), messages);
      Resolution resolution = MacroResolver.resolve(host, snapshot.templates(), snapshot.globals());
      for (String missing : resolution.missingTemplates()) {
        messages.add(
            "linked template id "
                + missing
                + " cannot be read by the API user, so its macros are unknown");
      }
      LineMacros.Result r =
          LineMacros.read(host.host(), resolution.macros(), defaults, environment);
      messages.addAll(r.problems());
      if (messages.isEmpty()) {
        candidates.add(new DiscoveredLine(ref, r.line().withZabbix(route), r.router()));
      } else {
        problems.add(new HostProblem(ref, route, messages));
      }
    }
    List<DiscoveredLine> lines = new ArrayList<>();
    Map<String, DiscoveredLine> byLineId = new LinkedHashMap<>();
    Map<String, DiscoveredLine> byRouter = new LinkedHashMap<>();
    for (DiscoveredLine c : candidates) {
      DiscoveredLine sameId = byLineId.get(c.line().id());
      if (sameId != null) {
        problems.add(
            problem(
                c,
                LineMacros.LINE_ID
                    + " '"
                    + c.line().id()
                    + "' is also the line of "
                    + sameId.host()
                    + ", which keeps it"));
        continue;
      }
      DiscoveredLine sameRouter = byRouter.get(c.router().id());
      if (sameRouter != null) {
        Set<String> differ = routerDifferences(sameRouter.router(), c.router());
        if (!differ.isEmpty()) {
          problems.add(
              problem(
                  c,
                  "router "
                      + c.router().id()
                      + " is also defined by "
                      + sameRouter.host()
                      + " with another "
                      + String.join(", ", differ)
                      + "; the host with the lowest id wins: make the macros agree"));
          continue;
        }
      } else {
        byRouter.put(c.router().id(), c);
      }
      byLineId.put(c.line().id(), c);
      lines.add(c);
    }
    lines.sort(Comparator.comparing(l -> l.line().id()));
    problems.sort(Comparator.comparing(p -> p.host().hostid(), MacroResolver::compareIds));
    return new DiscoveryResult(snapshot.version(), discovery.scope(), lines, problems);
  }

  private boolean isLineHost(ZabbixHost host, ZabbixProxy proxy) {
    if (host.status() != 0) {
      return false;
    }
    boolean scoped = proxy == null ? host.proxyId() == null : proxy.id().equals(host.proxyId());
    if (!scoped) {
      log.debug("host {} is not monitored by {}; ignored", host.host(), discovery.scope());
      return false;
    }
    if (!host.hasTag(discovery.tagName(), discovery.tagValue())) {
      // the API's match was not exact (older servers, or "contains")
      log.debug(
          "host {} has no tag {}={} (exact); ignored",
          host.host(),
          discovery.tagName(),
          discovery.tagValue());
      return false;
    }
    return true;
  }

  private static String monitoredBy(ZabbixHost host, ZabbixSnapshot snapshot) {
    if (host.proxyId() == null) {
      return "server";
    }
    ZabbixProxy p = snapshot.proxy();
    return p != null && p.id().equals(host.proxyId())
        ? "proxy " + p.name()
        : "proxy id " + host.proxyId();
  }

  /** The host's route; null (and a message) when its proxy's trapper address is unknown. */
  private ZabbixRoute route(ZabbixHost host, ZabbixProxy proxy, List<String> messages) {
    if (host.proxyId() == null) {
      return new ZabbixRoute(host.host(), null);
    }
    ZabbixEndpoint configured = sender == null ? null : sender.proxies().get(proxy.name());
    if (configured != null) {
      return new ZabbixRoute(host.host(), configured);
    }
    if (proxy.address() != null) {
      return new ZabbixRoute(host.host(), proxy.address());
    }
    messages.add(
        "proxy '"
            + proxy.name()
            + "' is "
            + (proxy.passive() ? "passive without a usable address" : "active")
            + " and its trapper address is not known: add it under zabbix.sender.proxies");
    return null;
  }

  private static HostProblem problem(DiscoveredLine line, String message) {
    return new HostProblem(line.host(), line.line().zabbix(), List.of(message));
  }

  /** The macros of the session-relevant router fields that differ (never their values). */
  static Set<String> routerDifferences(DeviceSpec a, DeviceSpec b) {
    Set<String> f = new LinkedHashSet<>();
    if (!a.username().equals(b.username())) {
      f.add(LineMacros.USERNAME);
    }
    if (!Objects.equals(a.password(), b.password())) {
      f.add(LineMacros.PASSWORD);
    }
    if (!a.platform().equals(b.platform())) {
      f.add(LineMacros.PLATFORM);
    }
    if (a.protocol() != b.protocol()) {
      f.add(LineMacros.PROTOCOL);
    }
    if (!Objects.equals(a.zabbixHost(), b.zabbixHost())) {
      f.add(LineMacros.ROUTER_ZABBIX_HOST);
    }
    return f;
  }
}
