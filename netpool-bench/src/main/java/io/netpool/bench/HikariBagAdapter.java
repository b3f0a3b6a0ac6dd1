package io.netpool.bench;

import com.zaxxer.hikari.util.ConcurrentBag;
import com.zaxxer.hikari.util.ConcurrentBag.IConcurrentBagEntry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * HikariCP's {@link ConcurrentBag} alone (no DataSource, no proxy, no liveness check, no metrics):
 * the bag is filled once and never grows, so the listener does nothing.
 */
final class HikariBagAdapter implements PoolAdapter {
  private final ConcurrentBag<Entry> bag;

  HikariBagAdapter(int objects) {
    bag = new ConcurrentBag<>(waiting -> {});
    for (int i = 0; i < objects; i++) {
      bag.add(new Entry());
    }
  }

  @Override
  public Object acquire(int key) throws Exception {
    Entry e = bag.borrow(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    if (e == null) {
      throw new TimeoutException("hikari bag: no entry within " + TIMEOUT_MS + " ms");
    }
    return e;
  }

  @Override
  public void release(Object handle) {
    bag.requite((Entry) handle);
  }

  @Override
  public void close() throws Exception {
    bag.close();
  }

  static final class Entry implements IConcurrentBagEntry {
    private static final AtomicIntegerFieldUpdater<Entry> STATE =
        AtomicIntegerFieldUpdater.newUpdater(Entry.class, "state");
    private volatile int state;

    @Override
    public boolean compareAndSet(int expect, int update) {
      return STATE.compareAndSet(this, expect, update);
    }

    @Override
    public void setState(int update) {
      STATE.set(this, update);
    }

    @Override
    public int getState() {
      return state;
    }
  }
}
