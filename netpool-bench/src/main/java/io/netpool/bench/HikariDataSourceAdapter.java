package io.netpool.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * HikariCP's full {@link HikariDataSource} over {@link StubJdbcDriver}: one fixed-size data source
 * per key ({@code minimumIdle = maximumPoolSize = perKey}, no global cap), configured as close to
 * "no validation" as HikariCP allows.
 *
 * <p>What HikariCP still does per borrow: reads the clock twice, checks whether the entry was
 * evicted, runs its liveness check ({@code Connection.isValid}) only if the connection was idle
 * longer than {@code com.zaxxer.hikari.aliveBypassWindowMs} (default 500 ms; this adapter sets it
 * to one hour unless the property is given), wraps the connection in a new {@code ProxyConnection}
 * (with its statement list) and records (no-op) metrics. Per return: closes tracked statements
 * (none here), resets changed connection state (none), calls {@code clearWarnings()} on the
 * driver's connection and stamps the last-access time. No leak detection, no JMX, no metrics
 * registry, keepalive, idle timeout and max lifetime off. All pools share one housekeeping
 * scheduler.
 */
final class HikariDataSourceAdapter implements PoolAdapter {
  private static final String ALIVE_BYPASS = "com.zaxxer.hikari.aliveBypassWindowMs";

  private final HikariDataSource[] sources;
  private final ScheduledExecutorService housekeeping =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("hikari-housekeeping").unstarted(r));

  HikariDataSourceAdapter(PoolSpec spec) {
    if (System.getProperty(ALIVE_BYPASS) == null) {
      System.setProperty(ALIVE_BYPASS, "3600000");
    }
    sources = new HikariDataSource[spec.keys()];
    try {
      for (int k = 0; k < spec.keys(); k++) {
        sources[k] = new HikariDataSource(config(spec, k));
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private HikariConfig config(PoolSpec spec, int key) {
    HikariConfig c = new HikariConfig();
    c.setPoolName("bench-" + key);
    c.setDriverClassName(StubJdbcDriver.class.getName());
    c.setJdbcUrl(StubJdbcDriver.url(spec.createDelay(), spec.closeDelay()));
    c.setMaximumPoolSize(spec.perKey());
    c.setMinimumIdle(spec.perKey());
    c.setConnectionTimeout(Math.max(250, TIMEOUT_MS));
    c.setValidationTimeout(250);
    c.setIdleTimeout(0);
    c.setMaxLifetime(0);
    c.setKeepaliveTime(0);
    c.setLeakDetectionThreshold(0);
    c.setRegisterMbeans(false);
    c.setAutoCommit(true);
    c.setInitializationFailTimeout(-1);
    c.setScheduledExecutor(housekeeping);
    return c;
  }

  @Override
  public Object acquire(int key) throws Exception {
    return sources[key].getConnection();
  }

  @Override
  public void release(Object handle) throws Exception {
    ((Connection) handle).close();
  }

  /**
   * Returns the connection, then evicts it: HikariCP closes it on its own close thread and adds a
   * replacement on its own creator thread. (Evicting first and closing after would hand a removed
   * entry back to the bag.)
   */
  @Override
  public void invalidate(Object handle) throws Exception {
    if (sources.length != 1) {
      // evictConnection must go to the data source that lent the connection
      throw new UnsupportedOperationException("hikari-ds: invalidate needs a single key");
    }
    Connection c = (Connection) handle;
    c.close();
    sources[0].evictConnection(c);
  }

  @Override
  public void close() {
    for (HikariDataSource s : sources) {
      if (s != null) {
        s.close();
      }
    }
    housekeeping.shutdownNow();
  }
}
