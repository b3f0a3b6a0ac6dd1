package io.netpool.monitor.state;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The last {@code capacity} state changes, for {@code /api/events}: a ring written by sequence
 * number (lock-free: a writer takes the next number, then stores into its slot), read newest last.
 */
public final class StateEvents implements StateListener {

  /** Default number of events kept. */
  public static final int DEFAULT_CAPACITY = 1000;

  /**
   * One event as JSON, with its number and, for filtering, its line (null for a router event) and
   * router.
   */
  public record Event(long seq, String lineId, String routerId, String json) {}

  private final AtomicLong seq = new AtomicLong();
  private final AtomicReferenceArray<Event> ring;

  public StateEvents(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    ring = new AtomicReferenceArray<>(capacity);
  }

  public StateEvents() {
    this(DEFAULT_CAPACITY);
  }

  @Override
  public void lineChanged(StateChange c) {
    long n = seq.incrementAndGet();
    store(new Event(n, c.lineId(), c.routerId(), StateEventJson.toJson(c, n)));
  }

  @Override
  public void routerChanged(RouterChange c) {
    long n = seq.incrementAndGet();
    store(new Event(n, null, c.routerId(), StateEventJson.toJson(c, n)));
  }

  private void store(Event e) {
    ring.set((int) ((e.seq() - 1) % ring.length()), e);
  }

  /**
   * The kept events after {@code afterSeq}, oldest first, at most {@code limit} (the newest ones).
   *
   * @param lineId only this line's events and its router's events, or null for all
   */
  public List<Event> after(long afterSeq, String lineId, String routerOfLine, int limit) {
    long last = seq.get();
    long first = Math.max(Math.max(afterSeq + 1, last - ring.length() + 1), 1);
    List<Event> out = new ArrayList<>();
    for (long n = first; n <= last; n++) {
      Event e = ring.get((int) ((n - 1) % ring.length()));
      if (e == null || e.seq() != n) {
        continue; // being written, or already overwritten
      }
      boolean mine =
          lineId == null
              || lineId.equals(e.lineId())
              || (e.lineId() == null && e.routerId().equals(routerOfLine));
      if (mine) {
        out.add(e);
      }
    }
    return out.size() <= limit ? out : out.subList(out.size() - limit, out.size());
  }

  /** The number of the newest event (0: none yet). */
  public long lastSeq() {
    return seq.get();
  }
}
