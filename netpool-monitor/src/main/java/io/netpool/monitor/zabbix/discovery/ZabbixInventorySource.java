package io.netpool.monitor.zabbix.discovery;

import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.InventoryDiff;
import io.netpool.monitor.inventory.InventoryException;
import io.netpool.monitor.inventory.InventoryThread;
import io.netpool.monitor.inventory.InventoryWatcher;
import io.netpool.monitor.inventory.Problem;
import io.netpool.monitor.zabbix.ZabbixSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the monitor's inventory in step with Zabbix: discovers at start, then every {@code
 * syncInterval}, and merges the discovered lines with the lines of {@code monitor.yml} ({@link
 * InventoryMerge}).
 *
 * <p>Each good discovery is diffed against the inventory in force ({@link InventoryDiff}: added,
 * removed, changed and moved lines, routers whose credentials, platform or protocol changed) and
 * handed to the same {@link InventoryWatcher.Listener} the file watcher uses; nothing is handed on
 * when nothing changed. A failed discovery (API down, login refused, proxy not found) keeps the
 * inventory in force, is counted, logged (WARN when the reason changes) and reported once per
 * failure streak to {@link InventoryWatcher.Listener#rejected}; the next try comes after a backoff
 * that starts at {@code initialBackoff} and doubles up to {@code syncInterval}.
 *
 * <p>Hosts that are not monitored because of a problem are logged at WARN when their problem
 * appears or changes (not at every discovery), counted in the metrics, and handed to the problem
 * consumer after every discovery (which sends an error value to each host).
 *
 * <p>Everything runs on one thread ({@code netpool-zabbix-discovery}), one task at a time, so the
 * state needs no lock; a change of {@code monitor.yml} ({@link #fileChanged}) is merged on that
 * thread too. {@link #close()} stops it (interrupting a request in flight) and waits for it.
 */
public final class ZabbixInventorySource implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ZabbixInventorySource.class);

  /** One discovery. */
  @FunctionalInterface
  public interface Discoverer {
    DiscoveryResult discover() throws ZabbixApiException;
  }

  /**
   * The result of one discovery merged with the file.
   *
   * @param result what the discovery found
   * @param inventory the file's lines and the discovered ones
   * @param problems every line host that is not in {@code inventory}, by hostid
   * @param discoveredLines how many discovered lines are in {@code inventory}
   */
  public record Discovered(
      DiscoveryResult result,
      Inventory inventory,
      List<HostProblem> problems,
      int discoveredLines) {
    public Discovered {
      problems = List.copyOf(problems);
    }
  }

  /** One discovery merged with {@code file}, on the caller's thread (for check-config). */
  public static Discovered discoverOnce(Discoverer discoverer, Inventory file)
      throws ZabbixApiException {
    DiscoveryResult r = discoverer.discover();
    InventoryMerge.Merged m = InventoryMerge.merge(file, r);
    return new Discovered(r, m.inventory(), m.problems(), m.discoveredLines());
  }

  private final Discoverer discoverer;
  private final InventoryWatcher.Listener listener;
  private final Consumer<List<HostProblem>> problemConsumer;
  private final DiscoveryMetrics metrics;
  private final Duration syncInterval;
  private final Duration initialBackoff;
  private final String name;
  private final Clock clock;
  private final InventoryThread worker;
  private volatile Inventory current;
  private volatile List<HostProblem> problems = List.of();

  // touched only by the discovery thread
  private Inventory file;
  private DiscoveryResult lastResult;
  private int failures;
  private String lastFailure;
  private Map<String, List<String>> loggedProblems = Map.of();
  private ScheduledFuture<?> nextSync;

  private ZabbixInventorySource(Builder b) {
    this.discoverer = b.discoverer;
    this.listener = b.listener;
    this.problemConsumer = b.problemConsumer;
    this.metrics = b.metrics;
    this.syncInterval = b.syncInterval;
    this.initialBackoff = b.initialBackoff;
    this.name = b.name;
    this.clock = b.clock;
    this.file = b.initial;
    this.current = b.initial;
    this.worker = new InventoryThread("netpool-zabbix-discovery");
  }

  /**
   * @param discoverer runs one discovery
   * @param initial the inventory in force now: the file's, which the monitor started with
   * @param listener told about every change (and once per failure streak)
   */
  public static Builder builder(
      Discoverer discoverer, Inventory initial, InventoryWatcher.Listener listener) {
    return new Builder(discoverer, initial, listener);
  }

  /** The inventory in force: the file's lines plus those of the last good discovery. */
  public Inventory current() {
    return current;
  }

  /** The hosts the last good discovery could not use, by hostid. */
  public List<HostProblem> problems() {
    return problems;
  }

  /** Discovers now, then every sync interval. Call once. */
  private ZabbixInventorySource begin() {
    worker.execute(this::sync);
    return this;
  }

  /**
   * The file was reloaded: merge its lines with the last discovery, on the discovery thread. The
   * {@code zabbix:} section itself is read at start only.
   */
  public void fileChanged(Inventory next) {
    Objects.requireNonNull(next, "next");
    try {
      worker.execute(() -> remerge(next));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      log.debug("discovery closed; file change not merged");
    }
  }

  /** Runs a discovery now instead of at the next tick (the tick after it is rescheduled). */
  public void syncSoon() {
    try {
      worker.execute(this::sync);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      log.debug("discovery closed");
    }
  }

  private void remerge(Inventory nextFile) {
    file = nextFile;
    if (lastResult == null) {
      publish(nextFile, List.of(), "file reloaded");
      return;
    }
    InventoryMerge.Merged m = InventoryMerge.merge(nextFile, lastResult);
    publish(m.inventory(), m.problems(), "file reloaded");
    if (metrics != null) {
      metrics.counts(m.discoveredLines(), m.problems().size());
    }
  }

  private void sync() {
    if (nextSync != null) {
      nextSync.cancel(false); // this run replaces the scheduled one (syncSoon)
    }
    Duration next;
    try {
      DiscoveryResult r = discoverer.discover();
      lastResult = r;
      InventoryMerge.Merged m = InventoryMerge.merge(file, r);
      publish(m.inventory(), m.problems(), "Zabbix " + r.version() + ", " + r.scope());
      if (metrics != null) {
        metrics.synced(clock.instant(), m.discoveredLines(), m.problems().size());
      }
      deliverProblems(m.problems());
      if (failures > 0) {
        log.info("Zabbix discovery at {} works again after {} failed tries", name, failures);
      }
      failures = 0;
      lastFailure = null;
      next = syncInterval;
    } catch (ZabbixApiException | RuntimeException e) {
      failures++;
      if (metrics != null) {
        metrics.failed();
      }
      next = backoff();
      reportFailure(e, next);
    }
    try {
      nextSync = worker.schedule(this::sync, next.toNanos());
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closing
    }
  }

  private Duration backoff() {
    int shift = Math.min(failures - 1, 20);
    Duration d = initialBackoff.multipliedBy(1L << shift);
    return d.compareTo(syncInterval) > 0 ? syncInterval : d;
  }

  private void reportFailure(Exception e, Duration retryIn) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof RuntimeException) {
      log.error("Zabbix discovery at {} failed unexpectedly", name, e);
    } else if (!message.equals(lastFailure)) {
      log.warn(
          "Zabbix discovery at {} failed, keeping the {} lines in force; next try in {}: {}",
          name,
          current.lines().size(),
          retryIn,
          message);
    } else {
      log.debug("Zabbix discovery at {} failed again: {}", name, message);
    }
    if (failures == 1) {
      try {
        listener.rejected(
            new InventoryException(
                List.of(new Problem(name, 0, 0, "zabbix", "discovery failed: " + message))));
      } catch (RuntimeException ex) {
        log.error("inventory listener failed on a rejected discovery", ex);
      }
    }
    lastFailure = message;
  }

  private void publish(Inventory next, List<HostProblem> nextProblems, String why) {
    logProblems(nextProblems);
    problems = List.copyOf(nextProblems);
    Inventory previous = current;
    InventoryDiff diff = InventoryDiff.between(previous, next);
    if (diff.isEmpty() && previous.digest().equals(next.digest())) {
      log.debug("inventory unchanged ({})", why);
      return;
    }
    current = next;
    log.info("inventory updated ({}): {}", why, diff.summary());
    try {
      listener.reloaded(next, diff);
    } catch (RuntimeException e) {
      log.error("inventory listener failed on a discovery", e);
    }
  }

  private void deliverProblems(List<HostProblem> list) {
    if (problemConsumer == null || list.isEmpty()) {
      return;
    }
    try {
      problemConsumer.accept(list);
    } catch (RuntimeException e) {
      log.error("host problem consumer failed", e);
    }
  }

  /** WARN for a host whose problem is new or changed, INFO for one that is fixed. */
  private void logProblems(List<HostProblem> list) {
    Map<String, List<String>> now = new HashMap<>();
    for (HostProblem p : list) {
      now.put(p.host().hostid(), p.messages());
      if (!p.messages().equals(loggedProblems.get(p.host().hostid()))) {
        log.warn("Zabbix {} is not monitored: {}", p.host(), String.join("; ", p.messages()));
      }
    }
    Set<String> fixed =
        loggedProblems.keySet().stream()
            .filter(id -> !now.containsKey(id))
            .collect(Collectors.toSet());
    if (!fixed.isEmpty()) {
      log.info("Zabbix hosts no longer with a problem: hostid {}", fixed);
    }
    loggedProblems = now;
  }

  /** Stops discovering (interrupting a request in flight) and waits for the thread. */
  @Override
  public void close() {
    worker.close();
  }

  /** Options of a source. */
  public static final class Builder {
    private final Discoverer discoverer;
    private final Inventory initial;
    private final InventoryWatcher.Listener listener;
    private Consumer<List<HostProblem>> problemConsumer;
    private DiscoveryMetrics metrics;
    private Duration syncInterval = ZabbixSettings.DEFAULT_SYNC_INTERVAL;
    private Duration initialBackoff = Duration.ofSeconds(5);
    private String name = "zabbix";
    private Clock clock = Clock.systemUTC();

    private Builder(Discoverer discoverer, Inventory initial, InventoryWatcher.Listener listener) {
      this.discoverer = Objects.requireNonNull(discoverer, "discoverer");
      this.initial = Objects.requireNonNull(initial, "initial");
      this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Time between two good discoveries (default 5 min; > 0). */
    public Builder syncInterval(Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("syncInterval must be > 0, was " + d);
      }
      this.syncInterval = d;
      return this;
    }

    /** First wait after a failed discovery; doubles up to the sync interval (default 5 s). */
    public Builder initialBackoff(Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("initialBackoff must be > 0, was " + d);
      }
      this.initialBackoff = d;
      return this;
    }

    /** Receives the host problems after every good discovery (e.g. to send error values). */
    public Builder problemConsumer(Consumer<List<HostProblem>> c) {
      this.problemConsumer = c;
      return this;
    }

    public Builder metrics(DiscoveryMetrics m) {
      this.metrics = m;
      return this;
    }

    /** How the source is named in logs and problems, e.g. the API URL. */
    public Builder name(String n) {
      this.name = Objects.requireNonNull(n, "name");
      return this;
    }

    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /** Starts the discovery thread; the first discovery runs at once. */
    public ZabbixInventorySource start() {
      return new ZabbixInventorySource(this).begin();
    }
  }
}
