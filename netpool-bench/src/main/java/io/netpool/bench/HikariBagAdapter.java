package io.netpool.bench;

import com.zaxxer.hikari.util.ConcurrentBag;
import com.zaxxer.hikari.util.ConcurrentBag.IConcurrentBagEntry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * HikariCP's {@link ConcurrentBag} alone (no DataSource, no proxy, no liveness check, no metrics):
 * one bag per key, each filled with {@code perKey} entries once; it never grows, so the listener
 * does nothing and there is no global cap. It cannot create or replace entries.
 */
final class HikariBagAdapter implements PoolAdapter {
  private final ConcurrentBag<Entry>[] bags;

  @SuppressWarnings("unchecked")
  HikariBagAdapter(PoolSpec spec) {
    bags = new ConcurrentBag[spec.keys()];
    for (int k = 0; k < spec.keys(); k++) {
      bags[k] = new ConcurrentBag<>(waiting -> {});
      for (int i = 0; i < spec.perKey(); i++) {
        bags[k].add(new Entry(bags[k]));
      }
    }
  }

  @Override
  public Object acquire(int key) throws Exception {
    Entry e = bags[key].borrow(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    if (e == null) {
      throw new TimeoutException("hikari bag: no entry within " + TIMEOUT_MS + " ms");
    }
    return e;
  }

  @Override
  public void release(Object handle) {
    Entry e = (Entry) handle;
    e.bag.requite(e);
  }

  @Override
  public void invalidate(Object handle) {
    throw new UnsupportedOperationException("the bag alone cannot create entries");
  }

  @Override
  public boolean createsObjects() {
    return false;
  }

  @Override
  public void close() throws Exception {
    for (ConcurrentBag<Entry> bag : bags) {
      bag.close();
    }
  }

  /** A bag entry that knows its bag, so release needs no key lookup. */
  static final class Entry implements IConcurrentBagEntry {
    private static final AtomicIntegerFieldUpdater<Entry> STATE =
        AtomicIntegerFieldUpdater.newUpdater(Entry.class, "state");
    final ConcurrentBag<Entry> bag;
    private volatile int state;

    Entry(ConcurrentBag<Entry> bag) {
      this.bag = bag;
    }

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
