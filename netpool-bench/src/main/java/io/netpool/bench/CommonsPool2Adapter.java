package io.netpool.bench;

import java.time.Duration;
import org.apache.commons.pool2.BaseKeyedPooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericKeyedObjectPool;
import org.apache.commons.pool2.impl.GenericKeyedObjectPoolConfig;

/**
 * Apache Commons Pool 2 {@link GenericKeyedObjectPool}: no test on borrow/return/idle, no evictor,
 * no JMX, blocking when exhausted, default (non-fair) waiting and LIFO idle order.
 */
final class CommonsPool2Adapter implements PoolAdapter {
  private final GenericKeyedObjectPool<String, Noop> pool;
  private final String[] keys;

  CommonsPool2Adapter(int keyCount, int objects) {
    GenericKeyedObjectPoolConfig<Noop> config = new GenericKeyedObjectPoolConfig<>();
    config.setMaxTotalPerKey(objects);
    config.setMaxIdlePerKey(objects);
    config.setMinIdlePerKey(0);
    config.setMaxTotal(keyCount * objects);
    config.setTestOnCreate(false);
    config.setTestOnBorrow(false);
    config.setTestOnReturn(false);
    config.setTestWhileIdle(false);
    config.setTimeBetweenEvictionRuns(Duration.ofMillis(-1));
    config.setJmxEnabled(false);
    config.setBlockWhenExhausted(true);
    config.setMaxWait(Duration.ofMillis(TIMEOUT_MS));
    pool = new GenericKeyedObjectPool<>(new NoopFactory(), config);
    keys = new String[keyCount];
    for (int k = 0; k < keyCount; k++) {
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
    @Override
    public Noop create(String key) {
      return new Noop(key);
    }

    @Override
    public PooledObject<Noop> wrap(Noop value) {
      return new DefaultPooledObject<>(value);
    }
  }
}
