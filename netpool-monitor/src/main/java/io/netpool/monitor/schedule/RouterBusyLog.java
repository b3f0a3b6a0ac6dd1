package io.netpool.monitor.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a router's {@code router_busy} skips once per streak: one WARN when the first check of a
 * streak is skipped, naming the router and the settings to raise, and one INFO when the router has
 * caught up (a check of it got a session while no other check waited for one). The skips in between
 * are only counted (here, and in {@code netpool_checks_skipped_total}): a router that stays
 * overloaded must not flood the log.
 *
 * <p>Per router, the streak is an immutable value changed by CAS; logging happens after the CAS.
 */
final class RouterBusyLog {
  private static final Logger log = LoggerFactory.getLogger(RouterBusyLog.class);

  /** Where the skip was decided: the settings that help differ. */
  enum Source {
    /**
     * The scheduler's per-router limit: the router's checks took its sessions until the next due.
     */
    SCHEDULER,
    /** The pool: every session stayed in use for the whole session wait. */
    POOL
  }

  /** {@code number}: streaks are numbered in the order they began, across routers. */
  private record Streak(Instant since, long skips, long number) {}

  private final Clock clock;
  private final ConcurrentHashMap<String, AtomicReference<Streak>> routers =
      new ConcurrentHashMap<>();
  private final AtomicLong streaksBegun = new AtomicLong();

  RouterBusyLog(Clock clock) {
    this.clock = clock;
  }

  /** A check of {@code router} was skipped; the first skip of a streak is logged at WARN. */
  void skipped(String router, int cap, String lineId, Source source) {
    AtomicReference<Streak> ref = routers.computeIfAbsent(router, k -> new AtomicReference<>());
    for (; ; ) {
      Streak s = ref.get();
      Streak next =
          s == null
              ? new Streak(clock.instant(), 1, streaksBegun.incrementAndGet())
              : new Streak(s.since, s.skips + 1, s.number);
      if (ref.compareAndSet(s, next)) {
        if (s == null) {
          warn(router, cap, lineId, source);
        }
        return;
      }
    }
  }

  /**
   * Where the streaks stand now; a check takes this when it gets its router's permit with no other
   * check waiting, and hands it to {@link #caughtUp} once it got its session.
   */
  long mark() {
    return streaksBegun.get();
  }

  /**
   * A check of {@code router} that got its permit while no other check of it waited (at {@code
   * mark}) got a session: the streak, if any, ends (INFO) - unless it began after that mark, while
   * the check ran (a check that waited for its session for long proves nothing about the backlog
   * that built up meanwhile). A skip racing this keeps the streak going.
   */
  void caughtUp(String router, long mark) {
    AtomicReference<Streak> ref = routers.get(router);
    Streak s = ref == null ? null : ref.get();
    if (s != null && s.number <= mark && ref.compareAndSet(s, null)) {
      log.info(
          "router {} caught up: its checks get sessions again after {} check(s) skipped as"
              + " router_busy in {} s",
          router,
          s.skips,
          Duration.between(s.since, clock.instant()).toSeconds());
    }
  }

  /** True while {@code router} is in a streak of skips. */
  boolean busy(String router) {
    AtomicReference<Streak> ref = routers.get(router);
    return ref != null && ref.get() != null;
  }

  /** Forgets routers not in {@code keep} (after a reload). */
  void retain(Collection<String> keep) {
    Set<String> ids = Set.copyOf(keep);
    routers.keySet().removeIf(id -> !ids.contains(id));
  }

  private static void warn(String router, int cap, String lineId, Source source) {
    String why =
        source == Source.SCHEDULER
            ? "its "
                + cap
                + " session(s) were all busy with its other checks until the line's next"
                + " due time"
            : "all " + cap + " of its session(s) stayed in use for the whole session wait";
    log.warn(
        "router {} busy: {}, so a check of line {} was skipped (router_busy); its lines keep their"
            + " last status, shown as late. Raise pool.max_sessions_per_device or the router's"
            + " max_sessions (if the router allows more sessions), scheduler.session_wait, or the"
            + " interval of its lines. Further skips are counted in"
            + " netpool_checks_skipped_total{reason=\"router_busy\"} and logged again only after"
            + " the router caught up",
        router,
        why,
        lineId);
  }
}
