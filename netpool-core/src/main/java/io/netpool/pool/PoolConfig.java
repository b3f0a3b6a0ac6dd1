package io.netpool.pool;

import java.time.Duration;

/**
 * Pool settings. Build with {@link #builder()}; every value has a default and is checked when the
 * config is built: an invalid value throws {@link IllegalArgumentException} naming the field.
 * {@link Duration#ZERO} turns off the features documented as such.
 *
 * @param maxSessionsPerDevice sessions per device and protocol (default 2); a device's own {@link
 *     Device#maxSessions()} lowers it further
 * @param maxSessionsTotal sessions across all devices and protocols (default 10,000)
 * @param minIdlePerDevice idle sessions kept open per device and protocol once it was used (default
 *     0)
 * @param acquireTimeout how long {@link DevicePool#acquire(Device, Protocol)} waits (default 30 s)
 * @param createTimeout hard bound on one session creation (default 30 s)
 * @param idleTimeout idle sessions above min-idle are closed after this (default 10 min; ZERO =
 *     never)
 * @param maxLifetime sessions are replaced after this age (default 30 min; ZERO = never)
 * @param lifetimeJitter each session's lifetime is shortened by a random part of up to this
 *     fraction, so sessions do not all expire together (default 0.1, range 0..0.5)
 * @param maxUses sessions are replaced after this many leases (default 0 = unlimited)
 * @param healthCheckInterval idle sessions are checked this often (default 60 s; ZERO = never)
 * @param healthCheckTimeout bound on one health check (default 5 s)
 * @param validateAfterIdle a session idle longer than this is checked before it is lent (default 30
 *     s; ZERO = never)
 * @param rebuildWorkers background workers closing broken sessions (default 2)
 * @param backoffInitial wait after the first failed creation of a device (default 500 ms), doubled
 *     per failure
 * @param backoffMax cap of that wait (default 30 s)
 * @param circuitBreakerThreshold failed creations in a row that open a device's circuit (default 5;
 *     0 = never)
 * @param circuitBreakerCoolDown how long an open circuit fails acquires fast (default 30 s)
 * @param leakDetectionThreshold report a lease held longer than this (default ZERO = off)
 * @param selectionStrategy which idle session is lent (default most recently used)
 * @param closeGracePeriod how long {@link DevicePool#close()} waits for leases (default 10 s)
 * @param housekeepingInterval period of the background sweep and of the coarse clock (default 1 s)
 * @param eventQueueCapacity events buffered for listeners before dropping (default 8192)
 * @param makeRoomAfter at the global cap, how long a device whose own sessions are all lent waits
 *     for one of them before an idle session of another device is closed to make room for it
 *     (default 20 ms; ZERO = at once). A device with no session lent gets room at once.
 * @param bargingWindow while the oldest waiter of a device is parked and has waited less than this,
 *     a borrower that arrives (typically the thread that just returned a session) may take an idle
 *     session past the waiters; older waiters get returned sessions handed over in FIFO order
 *     (default 1 ms; ZERO = strict FIFO hand-off). See docs/concurrency.md, I6.
 */
public record PoolConfig(
    int maxSessionsPerDevice,
    int maxSessionsTotal,
    int minIdlePerDevice,
    Duration acquireTimeout,
    Duration createTimeout,
    Duration idleTimeout,
    Duration maxLifetime,
    double lifetimeJitter,
    long maxUses,
    Duration healthCheckInterval,
    Duration healthCheckTimeout,
    Duration validateAfterIdle,
    int rebuildWorkers,
    Duration backoffInitial,
    Duration backoffMax,
    int circuitBreakerThreshold,
    Duration circuitBreakerCoolDown,
    Duration leakDetectionThreshold,
    SelectionStrategy selectionStrategy,
    Duration closeGracePeriod,
    Duration housekeepingInterval,
    int eventQueueCapacity,
    Duration makeRoomAfter,
    Duration bargingWindow) {

  public PoolConfig {
    atLeast("maxSessionsPerDevice", maxSessionsPerDevice, 1);
    atLeast("maxSessionsTotal", maxSessionsTotal, 1);
    atLeast("minIdlePerDevice", minIdlePerDevice, 0);
    if (minIdlePerDevice > maxSessionsPerDevice) {
      throw new IllegalArgumentException(
          "minIdlePerDevice ("
              + minIdlePerDevice
              + ") must not exceed maxSessionsPerDevice ("
              + maxSessionsPerDevice
              + ")");
    }
    positive("acquireTimeout", acquireTimeout);
    positive("createTimeout", createTimeout);
    notNegative("idleTimeout", idleTimeout);
    notNegative("maxLifetime", maxLifetime);
    if (!(lifetimeJitter >= 0 && lifetimeJitter <= 0.5)) {
      throw new IllegalArgumentException("lifetimeJitter must be in 0..0.5, was " + lifetimeJitter);
    }
    if (maxUses < 0) {
      throw new IllegalArgumentException("maxUses must be >= 0 (0 = unlimited), was " + maxUses);
    }
    notNegative("healthCheckInterval", healthCheckInterval);
    positive("healthCheckTimeout", healthCheckTimeout);
    notNegative("validateAfterIdle", validateAfterIdle);
    atLeast("rebuildWorkers", rebuildWorkers, 1);
    positive("backoffInitial", backoffInitial);
    positive("backoffMax", backoffMax);
    if (backoffMax.compareTo(backoffInitial) < 0) {
      throw new IllegalArgumentException(
          "backoffMax ("
              + backoffMax
              + ") must not be below backoffInitial ("
              + backoffInitial
              + ")");
    }
    atLeast("circuitBreakerThreshold", circuitBreakerThreshold, 0);
    positive("circuitBreakerCoolDown", circuitBreakerCoolDown);
    notNegative("leakDetectionThreshold", leakDetectionThreshold);
    if (selectionStrategy == null) {
      throw new IllegalArgumentException("selectionStrategy must not be null");
    }
    notNegative("closeGracePeriod", closeGracePeriod);
    positive("housekeepingInterval", housekeepingInterval);
    if (housekeepingInterval.toMillis() < 10) {
      throw new IllegalArgumentException(
          "housekeepingInterval must be at least 10 ms, was " + housekeepingInterval);
    }
    atLeast("eventQueueCapacity", eventQueueCapacity, 16);
    notNegative("makeRoomAfter", makeRoomAfter);
    notNegative("bargingWindow", bargingWindow);
  }

  private static void atLeast(String field, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(field + " must be >= " + min + ", was " + value);
    }
  }

  private static void positive(String field, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(field + " must be a positive duration, was " + d);
    }
  }

  private static void notNegative(String field, Duration d) {
    if (d == null || d.isNegative()) {
      throw new IllegalArgumentException(
          field + " must be zero (off) or a positive duration, was " + d);
    }
  }

  /** The defaults. */
  public static PoolConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxSessionsPerDevice = maxSessionsPerDevice;
    b.maxSessionsTotal = maxSessionsTotal;
    b.minIdlePerDevice = minIdlePerDevice;
    b.acquireTimeout = acquireTimeout;
    b.createTimeout = createTimeout;
    b.idleTimeout = idleTimeout;
    b.maxLifetime = maxLifetime;
    b.lifetimeJitter = lifetimeJitter;
    b.maxUses = maxUses;
    b.healthCheckInterval = healthCheckInterval;
    b.healthCheckTimeout = healthCheckTimeout;
    b.validateAfterIdle = validateAfterIdle;
    b.rebuildWorkers = rebuildWorkers;
    b.backoffInitial = backoffInitial;
    b.backoffMax = backoffMax;
    b.circuitBreakerThreshold = circuitBreakerThreshold;
    b.circuitBreakerCoolDown = circuitBreakerCoolDown;
    b.leakDetectionThreshold = leakDetectionThreshold;
    b.selectionStrategy = selectionStrategy;
    b.closeGracePeriod = closeGracePeriod;
    b.housekeepingInterval = housekeepingInterval;
    b.eventQueueCapacity = eventQueueCapacity;
    b.makeRoomAfter = makeRoomAfter;
    b.bargingWindow = bargingWindow;
    return b;
  }

  /** Mutable builder; {@link #build()} validates. */
  public static final class Builder {
    private int maxSessionsPerDevice = 2;
    private int maxSessionsTotal = 10_000;
    private int minIdlePerDevice = 0;
    private Duration acquireTimeout = Duration.ofSeconds(30);
    private Duration createTimeout = Duration.ofSeconds(30);
    private Duration idleTimeout = Duration.ofMinutes(10);
    private Duration maxLifetime = Duration.ofMinutes(30);
    private double lifetimeJitter = 0.1;
    private long maxUses = 0;
    private Duration healthCheckInterval = Duration.ofSeconds(60);
    private Duration healthCheckTimeout = Duration.ofSeconds(5);
    private Duration validateAfterIdle = Duration.ofSeconds(30);
    private int rebuildWorkers = 2;
    private Duration backoffInitial = Duration.ofMillis(500);
    private Duration backoffMax = Duration.ofSeconds(30);
    private int circuitBreakerThreshold = 5;
    private Duration circuitBreakerCoolDown = Duration.ofSeconds(30);
    private Duration leakDetectionThreshold = Duration.ZERO;
    private SelectionStrategy selectionStrategy = SelectionStrategy.MOST_RECENTLY_USED;
    private Duration closeGracePeriod = Duration.ofSeconds(10);
    private Duration housekeepingInterval = Duration.ofSeconds(1);
    private int eventQueueCapacity = 8192;
    private Duration makeRoomAfter = Duration.ofMillis(20);
    private Duration bargingWindow = Duration.ofMillis(1);

    private Builder() {}

    public Builder maxSessionsPerDevice(int v) {
      maxSessionsPerDevice = v;
      return this;
    }

    public Builder maxSessionsTotal(int v) {
      maxSessionsTotal = v;
      return this;
    }

    public Builder minIdlePerDevice(int v) {
      minIdlePerDevice = v;
      return this;
    }

    public Builder acquireTimeout(Duration v) {
      acquireTimeout = v;
      return this;
    }

    public Builder createTimeout(Duration v) {
      createTimeout = v;
      return this;
    }

    public Builder idleTimeout(Duration v) {
      idleTimeout = v;
      return this;
    }

    public Builder maxLifetime(Duration v) {
      maxLifetime = v;
      return this;
    }

    public Builder lifetimeJitter(double v) {
      lifetimeJitter = v;
      return this;
    }

    public Builder maxUses(long v) {
      maxUses = v;
      return this;
    }

    public Builder healthCheckInterval(Duration v) {
      healthCheckInterval = v;
      return this;
    }

    public Builder healthCheckTimeout(Duration v) {
      healthCheckTimeout = v;
      return this;
    }

    public Builder validateAfterIdle(Duration v) {
      validateAfterIdle = v;
      return this;
    }

    public Builder rebuildWorkers(int v) {
      rebuildWorkers = v;
      return this;
    }

    public Builder backoff(Duration initial, Duration max) {
      backoffInitial = initial;
      backoffMax = max;
      return this;
    }

    public Builder circuitBreaker(int threshold, Duration coolDown) {
      circuitBreakerThreshold = threshold;
      circuitBreakerCoolDown = coolDown;
      return this;
    }

    public Builder leakDetectionThreshold(Duration v) {
      leakDetectionThreshold = v;
      return this;
    }

    public Builder selectionStrategy(SelectionStrategy v) {
      selectionStrategy = v;
      return this;
    }

    public Builder closeGracePeriod(Duration v) {
      closeGracePeriod = v;
      return this;
    }

    public Builder housekeepingInterval(Duration v) {
      housekeepingInterval = v;
      return this;
    }

    public Builder eventQueueCapacity(int v) {
      eventQueueCapacity = v;
      return this;
    }

    public Builder makeRoomAfter(Duration v) {
      makeRoomAfter = v;
      return this;
    }

    public Builder bargingWindow(Duration v) {
      bargingWindow = v;
      return this;
    }

    public PoolConfig build() {
      return new PoolConfig(
          maxSessionsPerDevice,
          maxSessionsTotal,
          minIdlePerDevice,
          acquireTimeout,
          createTimeout,
          idleTimeout,
          maxLifetime,
          lifetimeJitter,
          maxUses,
          healthCheckInterval,
          healthCheckTimeout,
          validateAfterIdle,
          rebuildWorkers,
          backoffInitial,
          backoffMax,
          circuitBreakerThreshold,
          circuitBreakerCoolDown,
          leakDetectionThreshold,
          selectionStrategy,
          closeGracePeriod,
          housekeepingInterval,
          eventQueueCapacity,
          makeRoomAfter,
          bargingWindow);
    }
  }
}
