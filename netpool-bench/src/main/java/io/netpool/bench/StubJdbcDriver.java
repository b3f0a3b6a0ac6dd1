package io.netpool.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * A JDBC driver whose connections do nothing, like HikariCP-benchmark's {@code jdbc:stub}: only the
 * pool's own work is measured. URL: {@code jdbc:netpool-stub:createMs=N,closeMs=M} (both optional);
 * opening a connection sleeps {@code createMs}, closing it sleeps {@code closeMs}.
 *
 * <p>Connections are {@link Proxy} instances: every method returns a neutral value ({@code isValid}
 * true, auto-commit true, read-committed isolation, null objects). A proxy call costs a few
 * nanoseconds; HikariCP makes one per return ({@code clearWarnings}) and none per borrow while the
 * connection was used in the last {@code aliveBypassWindowMs}.
 */
public final class StubJdbcDriver implements Driver {
  static final String PREFIX = "jdbc:netpool-stub:";

  /** The URL for the given delays. */
  static String url(Duration createDelay, Duration closeDelay) {
    return PREFIX + "createMs=" + createDelay.toMillis() + ",closeMs=" + closeDelay.toMillis();
  }

  @Override
  public Connection connect(String url, Properties info) {
    if (!acceptsURL(url)) {
      return null; // JDBC: a driver returns null for a URL that is not its own
    }
    Duration createDelay = Duration.ZERO;
    Duration closeDelay = Duration.ZERO;
    for (String part : url.substring(PREFIX.length()).split(",")) {
      String[] kv = part.split("=", 2);
      if (kv.length != 2) {
        continue;
      }
      long ms = parseMillis(url, kv[0], kv[1]);
      switch (kv[0].trim()) {
        case "createMs" -> createDelay = Duration.ofMillis(ms);
        case "closeMs" -> closeDelay = Duration.ofMillis(ms);
        default -> throw new IllegalArgumentException(url + ": unknown field '" + kv[0] + "'");
      }
    }
    SimulatedCost.pause(createDelay);
    return (Connection)
        Proxy.newProxyInstance(
            StubJdbcDriver.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            new NoopConnection(closeDelay));
  }

  private static long parseMillis(String url, String field, String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          url + ": field '" + field + "' is not a number of milliseconds: '" + value + "'", e);
    }
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    return new DriverPropertyInfo[0];
  }

  @Override
  public int getMajorVersion() {
    return 1;
  }

  @Override
  public int getMinorVersion() {
    return 0;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("no logger");
  }

  /** Answers every {@link Connection} method with a neutral value. */
  private static final class NoopConnection implements InvocationHandler {
    private final Duration closeDelay;
    private volatile boolean closed;

    NoopConnection(Duration closeDelay) {
      this.closeDelay = closeDelay;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
      switch (method.getName()) {
        case "close" -> {
          closed = true;
          SimulatedCost.pause(closeDelay);
          return null;
        }
        case "isClosed" -> {
          return closed;
        }
        case "isValid", "getAutoCommit" -> {
          return !closed;
        }
        case "getTransactionIsolation" -> {
          return Connection.TRANSACTION_READ_COMMITTED;
        }
        case "hashCode" -> {
          return System.identityHashCode(proxy);
        }
        case "equals" -> {
          return proxy == args[0];
        }
        case "toString" -> {
          return "StubConnection@" + Integer.toHexString(System.identityHashCode(proxy));
        }
        default -> {
          return neutral(method.getReturnType());
        }
      }
    }

    private static Object neutral(Class<?> type) {
      if (type == boolean.class) {
        return false;
      }
      if (type == int.class) {
        return 0;
      }
      if (type == long.class) {
        return 0L;
      }
      return null;
    }
  }
}
