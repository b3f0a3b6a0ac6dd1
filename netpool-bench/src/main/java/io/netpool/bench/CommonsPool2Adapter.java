package io.netpool.bench;

import java.time.Duration;
import org.apache.commons.pool2.BaseKeyedPooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericKeyedObjectPool;
import org.apache.commons.pool2.impl.GenericKeyedObjectPoolConfig;

/**
 * Apache Commons Pool 2 {@link GenericKeyedObjectPool}: {@code maxTotalPerKey = perKey}, {@code
 * maxTotal = total}, no test on borrow/return/idle, no evictor, no JMX, blocking when exhausted,
 * default (non-fair) waiting and LIFO idle order. It creates objects in the borrowing thread and
 * destroys invalidated ones in the invalidating thread.
 */
final class CommonsPool2Adapter implements PoolAdapter {
  private final GenericKeyedObjectPool<String, Noop> pool;
  private final String[] keys;

  CommonsPool2Adapter(PoolSpec spec) {
    GenericKeyedObjectPoolConfig<Noop> config = new GenericKeyedObjectPoolConfig<>();
    config.setMaxTotalPerKey(spec.perKey());
    config.setMaxIdlePerKey(spec.perKey());
    config.setMinIdlePerKey(0);
    config.setMaxTotal(spec.total());
    config.setTestOnCreate(false);
    config.setTestOnBorrow(false);
    config.setTestOnReturn(false);
    config.setTestWhileIdle(false);
    config.setTimeBetweenEvictionRuns(Duration.ofMillis(-1));
    config.setJmxEnabled(false);
    config.setBlockWhenExhausted(true);
    config.setMaxWait(Duration.ofMillis(TIMEOUT_MS));
    pool = new GenericKeyedObjectPool<>(new NoopFactory(spec), config);
    keys = new String[spec.keys()];
    for (int k = 0; k < spec.keys(); k++) {
      keys[k] = "dev-" + k;
    }
  }

  @Override
  public Object acquire(int key) throws Exception {
    return pool.borrowObject(keys[key]);
  }

  @Override
  public void release(Object handle) {
    Noop n = (Noop) handle;
    pool.returnObject(n.key, n);
  }

  @Override
  public void invalidate(Object handle) throws Exception {
    Noop n = (Noop) handle;
    pool.invalidateObject(n.key, n);
  }

  @Override
  public void close() {
    pool.close();
  }

  /** CP2 takes objects back by key: each object knows its key, so a cycle allocates nothing. */
  static final class Noop {
    final String key;

    Noop(String key) {
      this.key = key;
    }
  }

  private static final class NoopFactory extends BaseKeyedPooledObjectFactory<String, Noop> {
    private final PoolSpec spec;

    NoopFactory(PoolSpec spec) {
      this.spec = spec;
    }

    @Override
    public Noop create(String key) {
      SimulatedCost.pause(spec.createDelay());
      return new Noop(key);
    }

    @Override
    public PooledObject<Noop> wrap(Noop value) {
      return new DefaultPooledObject<>(value);
    }

    @Override
    public void destroyObject(String key, PooledObject<Noop> p) {
      SimulatedCost.pause(spec.closeDelay());
    }
  }
}
