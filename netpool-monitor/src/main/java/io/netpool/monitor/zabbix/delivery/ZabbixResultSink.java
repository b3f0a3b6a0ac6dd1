package io.netpool.monitor.zabbix.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.LineSpec;
import io.netpool.monitor.inventory.ZabbixEndpoint;
import io.netpool.monitor.inventory.ZabbixRoute;
import io.netpool.monitor.sink.ResultSink;
import io.netpool.monitor.state.StateChange;
import io.netpool.monitor.state.StateListener;
import io.netpool.monitor.zabbix.delivery.tls.TrapperConnector;
import io.netpool.monitor.zabbix.discovery.HostProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each line's results to the Zabbix host and trapper of its {@link ZabbixRoute}: the proxy
 * that monitors a discovered host, or the default destination (the server) for hosts monitored by
 * the server and for the lines of {@code monitor.yml}. One {@link TrapperQueue} per trapper
 * address, created when first needed; each buffers, batches and retries on its own.
 *
 * <p>Skipped checks ({@code router_busy}) send nothing (docs/zabbix.md). The route of a result is
 * the one its line has in the inventory in force; a result of a line removed meanwhile goes where
 * the line's last results went. Lines without any destination (no default destination configured)
 * are logged once each and not sent. Thread-safe; {@link #accept} never blocks (the first result
 * for a destination opens its spool file, once).
 *
 * <p>With {@link SpoolSettings} every destination has a spool file (durable delivery,
 * docs/zabbix.md); the spools left by an earlier run are opened at construction and their values
 * sent first. Without, values wait in memory only and are lost with the process.
 */
public final class ZabbixResultSink implements ResultSink, StateListener {
  private static final Logger log = LoggerFactory.getLogger(ZabbixResultSink.class);

  private final ZabbixItemKeys keys;
  private final ZabbixEndpoint defaultDestination;
  private final Supplier<Inventory> inventory;
  private final Function<ZabbixEndpoint, TrapperQueue> sinkFactory;
  private final Clock clock;
  private final ConcurrentHashMap<ZabbixEndpoint, TrapperQueue> sinks = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, ZabbixRoute> lastRoutes = new ConcurrentHashMap<>();
  private final Set<String> warnedNoDestination = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;
  private MeterRegistry registry;

  /**
   * @param keys item keys (the error key also carries host problems)
   * @param defaultDestination the server's trapper, or null when none is configured
   * @param inventory the inventory in force (read at each result)
   */
  public ZabbixResultSink(
      ZabbixItemKeys keys, ZabbixEndpoint defaultDestination, Supplier<Inventory> inventory) {
    this(keys, defaultDestination, inventory, ep -> TrapperConnector.PLAIN);
  }

  /**
   * As above, with the connection (plain or TLS) per trapper address.
   *
   * @param connectors the connector of a trapper address (docs/zabbix.md, "TLS")
   */
  public ZabbixResultSink(
      ZabbixItemKeys keys,
      ZabbixEndpoint defaultDestination,
      Supplier<Inventory> inventory,
      Function<ZabbixEndpoint, TrapperConnector> connectors) {
    this(
        keys,
        defaultDestination,
        inventory,
        ep ->
            queue(
                TrapperQueueConfig.builder(ep.host()).serverPort(ep.port()).itemKeys(keys).build(),
                connectors.apply(ep)),
        Clock.systemUTC());
  }

  /**
   * Durable: each destination's values go through its spool under {@code spool.dir()}; spools left
   * by an earlier run are opened now and their values sent first.
   *
   * @param connectors the connection (plain or TLS) per trapper address (docs/zabbix.md, "TLS")
   * @param registry where the spool meters go, or null
   * @throws SpoolException when a spool left by an earlier run cannot be opened
   */
  public ZabbixResultSink(
      ZabbixItemKeys keys,
      ZabbixEndpoint defaultDestination,
      Supplier<Inventory> inventory,
      Function<ZabbixEndpoint, TrapperConnector> connectors,
      SpoolSettings spool,
      MeterRegistry registry) {
    this(
        keys,
        defaultDestination,
        inventory,
        ep -> spooledQueue(ep, keys, spool, connectors.apply(ep)),
        Clock.systemUTC());
    this.registry = registry;
    resume(spool, keys, connectors);
  }

  private static TrapperQueueConfig configFor(ZabbixEndpoint ep, ZabbixItemKeys keys) {
    return TrapperQueueConfig.builder(ep.host()).serverPort(ep.port()).itemKeys(keys).build();
  }

  /** A queue with its spool; in memory (logged) when the spool cannot be opened. */
  private static TrapperQueue spooledQueue(
      ZabbixEndpoint ep, ZabbixItemKeys keys, SpoolSettings settings, TrapperConnector connector) {
    TrapperQueueConfig config = configFor(ep, keys);
    try {
      return new TrapperQueue(
          config, sender(config, connector), ZabbixSpool.open(settings, ep, Clock.systemUTC()));
    } catch (SpoolException e) {
      log.error("{}; values for {} are kept in memory only", e.getMessage(), ep);
      return queue(config, connector);
    }
  }

  /** Starts a queue for every spool an earlier run left values in: they are sent first. */
  private void resume(
      SpoolSettings settings,
      ZabbixItemKeys keys,
      Function<ZabbixEndpoint, TrapperConnector> connectors) {
    List<ZabbixEndpoint> found;
    try {
      found = ZabbixSpool.existing(settings.dir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the Zabbix spool folder " + settings.dir(), e);
    }
    for (ZabbixEndpoint ep : found) {
      ZabbixSpool spool = ZabbixSpool.open(settings, ep, Clock.systemUTC());
      if (spool.values() == 0) {
        spool.close(); // opened again when a value for it comes
        continue;
      }
      log.info(
          "Zabbix spool of {} holds {} values from an earlier run; sending them first",
          ep,
          spool.values());
      TrapperQueueConfig config = configFor(ep, keys);
      TrapperQueue q = new TrapperQueue(config, sender(config, connectors.apply(ep)), spool);
      sinks.put(ep, q);
      registerMeters(ep, q);
      q.start();
    }
  }

  private void registerMeters(ZabbixEndpoint ep, TrapperQueue q) {
    if (registry != null && q.spool() != null) {
      SpoolMetrics.register(registry, ep.toString(), q);
    }
  }

  /** A queue whose sender connects through {@code connector}. */
  public static TrapperQueue queue(TrapperQueueConfig config, TrapperConnector connector) {
    return new TrapperQueue(config, sender(config, connector));
  }

  private static ZabbixSender sender(TrapperQueueConfig config, TrapperConnector connector) {
    return new ZabbixSender(
        config.serverHost(),
        config.serverPort(),
        config.connectTimeout(),
        config.readTimeout(),
        config.maxReplyBytes(),
        Clock.systemUTC(),
        connector);
  }

  /** With another way to make a sink per address (tests: other timeouts). */
  public ZabbixResultSink(
      ZabbixItemKeys keys,
      ZabbixEndpoint defaultDestination,
      Supplier<Inventory> inventory,
      Function<ZabbixEndpoint, TrapperQueue> sinkFactory,
      Clock clock) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.defaultDestination = defaultDestination;
    this.inventory = Objects.requireNonNull(inventory, "inventory");
    this.sinkFactory = Objects.requireNonNull(sinkFactory, "sinkFactory");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void accept(CheckResult result) {
    if (closed || result.isSkipped()) {
      // A skipped check (router busy) measured nothing: sending a status or a loss would read as a
      // state of the line; Zabbix keeps the last values (nodata() triggers see the gap).
      return;
    }
    Inventory current = inventory.get();
    LineSpec line = current.lines().get(result.lineId());
    ZabbixRoute route;
    String routerHost = null;
    if (line != null) {
      route = line.zabbixRoute();
      lastRoutes.put(result.lineId(), route);
      DeviceSpec router = current.devices().get(line.router());
      routerHost = router == null ? null : router.zabbixHost();
    } else {
      route = lastRoutes.getOrDefault(result.lineId(), new ZabbixRoute(result.lineId(), null));
    }
    TrapperQueue sink = sinkFor(route, result.lineId());
    if (sink == null) {
      return;
    }
    PingResultItems items = sink.items();
    if (routerHost != null) {
      // First, so that the router host's trigger is a problem before the line triggers that
      // depend on it are evaluated (docs/zabbix.md, "Router problems").
      sink.offerAll(
          items.toRouterValues(routerHost, result.ping(), result.failure(), result.finished()));
    }
    // with the failure kind, which only the check result knows
    sink.offerAll(items.toValues(route.host(), result.ping(), result.failure(), result.finished()));
    if (!result.readings().isEmpty()) {
      sink.offerAll(ReadingItems.toValues(route.host(), result.readings(), result.finished()));
    }
  }

  /** Sends the line's new state code ({@code netpool.line.state}) with the time of the change. */
  @Override
  public void lineChanged(StateChange change) {
    if (closed || keys.state() == null) {
      return;
    }
    LineSpec line = inventory.get().lines().get(change.lineId());
    ZabbixRoute route =
        line != null
            ? line.zabbixRoute()
            : lastRoutes.getOrDefault(change.lineId(), new ZabbixRoute(change.lineId(), null));
    TrapperQueue sink = sinkFor(route, change.lineId());
    if (sink != null) {
      sink.offer(
          new ZabbixValue(
              route.host(), keys.state(), Integer.toString(change.to().code()), change.at()));
    }
  }

  /**
   * Sends each problem's text as the error item of its host (when the host's route is known and the
   * error item is not switched off).
   */
  public void sendProblems(List<HostProblem> problems) {
    if (closed || keys.error() == null) {
      return;
    }
    for (HostProblem p : problems) {
      if (p.route() == null) {
        continue; // the route itself is the problem; the log and check-config show it
      }
      TrapperQueue sink = sinkFor(p.route(), "host " + p.route().host());
      if (sink != null) {
        sink.offer(
            new ZabbixValue(
                p.route().host(), keys.error(), truncate(p.errorText()), clock.instant()));
      }
    }
  }

  /** Forgets the routes of lines that are gone (after a reload). */
  @Override
  public void retainLines(Collection<String> lineIds) {
    Set<String> keep = new HashSet<>(lineIds);
    lastRoutes.keySet().retainAll(keep);
  }

  /** The sinks by trapper address (for counters and tests). */
  /** The trapper addresses whose last send failed (values waiting for a retry), or null. */
  @Override
  public String problem() {
    String failing =
        sinks.entrySet().stream()
            .filter(e -> e.getValue().failing())
            .map(e -> e.getKey() + " (" + e.getValue().lastError() + ")")
            .sorted()
            .collect(java.util.stream.Collectors.joining(", "));
    return failing.isEmpty() ? null : "Zabbix delivery failing: " + failing;
  }

  public Map<ZabbixEndpoint, TrapperQueue> sinks() {
    return Map.copyOf(sinks);
  }

  private TrapperQueue sinkFor(ZabbixRoute route, String what) {
    ZabbixEndpoint ep = route.via() != null ? route.via() : defaultDestination;
    if (ep == null) {
      if (warnedNoDestination.add(what)) {
        log.warn(
            "no Zabbix destination for {} (Zabbix host {}): set zabbix.sender.server or --zabbix;"
                + " its values are not sent",
            what,
            route.host());
      }
      return null;
    }
    TrapperQueue sink = sinks.get(ep);
    if (sink != null) {
      return sink;
    }
    TrapperQueue created = sinkFactory.apply(ep);
    TrapperQueue raced = sinks.putIfAbsent(ep, created);
    if (raced != null) {
      created.discard(); // never started: holds nothing
      return raced;
    }
    registerMeters(ep, created);
    created.start();
    if (closed) {
      created.close(); // close() may have missed it
    }
    return created;
  }

  private static String truncate(String text) {
    return text.length() <= PingResultItems.MAX_ERROR_LENGTH
        ? text
        : text.substring(0, PingResultItems.MAX_ERROR_LENGTH - 3) + "...";
  }

  /** Stops accepting results; every sink drains within its close timeout, all in parallel. */
  @Override
  public void close() {
    closed = true;
    List<Thread> closers = new ArrayList<>();
    Duration longest = Duration.ZERO;
    for (TrapperQueue sink : sinks.values()) {
      closers.add(Thread.ofVirtual().name("zabbix-sink-close").start(sink::close));
      Duration limit = sink.config().closeTimeout();
      longest = limit.compareTo(longest) > 0 ? limit : longest;
    }
    long deadline = System.nanoTime() + longest.plusSeconds(5).toNanos();
    for (Thread t : closers) {
      try {
        // each sink gives up after its close timeout; the margin covers the last request
        t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
