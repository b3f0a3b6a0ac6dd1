package io.netpool.monitor.zabbix.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one {@link TrapperQueue} (one destination: a Zabbix server or proxy).
 *
 * @param serverHost trapper address; for hosts monitored by a proxy, the proxy
 * @param serverPort trapper port (default {@value ZabbixSender#DEFAULT_PORT})
 * @param connectTimeout TCP connect limit (default 5 s)
 * @param readTimeout limit for the whole reply after the request was written (default 15 s)
 * @param maxReplyBytes larger replies are refused (default 1 MiB)
 * @param batchSize values per request, at most (default and Zabbix sender's own value: 250)
 * @param bufferCapacity values held while the server cannot be reached; when full the oldest are
 *     dropped (default 100 000)
 * @param linger how long the sender waits for more values to fill a batch once one is waiting
 *     (default 200 ms; 0 sends whatever is there at once)
 * @param initialBackoff wait after the first failed request (default 1 s); doubled on every further
 *     failure
 * @param maxBackoff cap of the wait between attempts (default 60 s)
 * @param closeTimeout how long {@link TrapperQueue#close()} keeps trying to deliver what is
 *     buffered (default 10 s)
 * @param itemKeys item keys for ping results
 */
public record TrapperQueueConfig(
    String serverHost,
    int serverPort,
    Duration connectTimeout,
    Duration readTimeout,
    int maxReplyBytes,
    int batchSize,
    int bufferCapacity,
    Duration linger,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration closeTimeout,
    ZabbixItemKeys itemKeys) {

  public static final int DEFAULT_BATCH_SIZE = 250;
  public static final int DEFAULT_BUFFER_CAPACITY = 100_000;
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(15);
  public static final Duration DEFAULT_LINGER = Duration.ofMillis(200);
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(60);
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

  public TrapperQueueConfig {
    Objects.requireNonNull(serverHost, "serverHost");
    if (serverHost.isBlank()) {
      throw new IllegalArgumentException("serverHost must not be blank");
    }
    if (serverPort < 1 || serverPort > 65535) {
      throw new IllegalArgumentException("serverPort out of range: " + serverPort);
    }
    positive(connectTimeout, "connectTimeout");
    positive(readTimeout, "readTimeout");
    if (maxReplyBytes < 64) {
      throw new IllegalArgumentException("maxReplyBytes too small: " + maxReplyBytes);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1: " + batchSize);
    }
    if (bufferCapacity < 1) {
      throw new IllegalArgumentException("bufferCapacity must be at least 1: " + bufferCapacity);
    }
    Objects.requireNonNull(linger, "linger");
    if (linger.isNegative()) {
      throw new IllegalArgumentException("linger must not be negative: " + linger);
    }
    positive(initialBackoff, "initialBackoff");
    positive(maxBackoff, "maxBackoff");
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "maxBackoff " + maxBackoff + " is below initialBackoff " + initialBackoff);
    }
    positive(closeTimeout, "closeTimeout");
    Objects.requireNonNull(itemKeys, "itemKeys");
  }

  /** Defaults for everything but the server address. */
  public static Builder builder(String serverHost) {
    return new Builder(serverHost);
  }

  /** A builder prefilled with this configuration. */
  public Builder toBuilder() {
    return new Builder(serverHost)
        .serverPort(serverPort)
        .connectTimeout(connectTimeout)
        .readTimeout(readTimeout)
        .maxReplyBytes(maxReplyBytes)
        .batchSize(batchSize)
        .bufferCapacity(bufferCapacity)
        .linger(linger)
        .initialBackoff(initialBackoff)
        .maxBackoff(maxBackoff)
        .closeTimeout(closeTimeout)
        .itemKeys(itemKeys);
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }

  /** Builder with the documented defaults. */
  public static final class Builder {
    private String serverHost;
    private int serverPort = ZabbixSender.DEFAULT_PORT;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private int maxReplyBytes = ZabbixSender.DEFAULT_MAX_REPLY_BYTES;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private int bufferCapacity = DEFAULT_BUFFER_CAPACITY;
    private Duration linger = DEFAULT_LINGER;
    private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
    private ZabbixItemKeys itemKeys = ZabbixItemKeys.defaults();

    private Builder(String serverHost) {
      this.serverHost = serverHost;
    }

    public Builder serverHost(String v) {
      serverHost = v;
      return this;
    }

    public Builder serverPort(int v) {
      serverPort = v;
      return this;
    }

    public Builder connectTimeout(Duration v) {
      connectTimeout = v;
      return this;
    }

    public Builder readTimeout(Duration v) {
      readTimeout = v;
      return this;
    }

    public Builder maxReplyBytes(int v) {
      maxReplyBytes = v;
      return this;
    }

    public Builder batchSize(int v) {
      batchSize = v;
      return this;
    }

    public Builder bufferCapacity(int v) {
      bufferCapacity = v;
      return this;
    }

    public Builder linger(Duration v) {
      linger = v;
      return this;
    }

    public Builder initialBackoff(Duration v) {
      initialBackoff = v;
      return this;
    }

    public Builder maxBackoff(Duration v) {
      maxBackoff = v;
      return this;
    }

    public Builder closeTimeout(Duration v) {
      closeTimeout = v;
      return this;
    }

    public Builder itemKeys(ZabbixItemKeys v) {
      itemKeys = v;
      return this;
    }

    public TrapperQueueConfig build() {
      return new TrapperQueueConfig(
          serverHost,
          serverPort,
          connectTimeout,
          readTimeout,
          maxReplyBytes,
          batchSize,
          bufferCapacity,
          linger,
          initialBackoff,
          maxBackoff,
          closeTimeout,
          itemKeys);
    }
  }
}
