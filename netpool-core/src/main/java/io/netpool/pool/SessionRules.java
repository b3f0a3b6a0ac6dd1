package io.netpool.pool;

/**
 * Every rule that decides whether a session is retired, and whether a successor is owed for it, in
 * one place. Pure decisions over a session's fields and the pool's settings: no threads, no CAS, no
 * side effects. The callers ({@link DeviceSlot} and {@link KeyedDevicePool}) own the session at
 * that moment (or, in a sweep, read it as a hint) and carry out the decision by CAS.
 *
 * <p>A new rule is one method here (or a line in one), one {@link EvictionReason} and one {@link
 * PoolConfig} field. The order of the tests inside each method is the precedence of the reasons: a
 * closed pool wins over everything, then a new generation, then the rest.
 */
final class SessionRules {
  private final int maxSessionsPerDevice;
  private final long maxUses;
  private final long lifetime;
  private final double lifetimeJitter;
  private final long validateAfterIdle;
  private final long idleTimeout;
  private final long healthInterval;
  private final long leakThreshold;
  private final int minIdle;

  SessionRules(PoolConfig config) {
    this.maxSessionsPerDevice = config.maxSessionsPerDevice();
    this.maxUses = config.maxUses();
    this.lifetime = config.maxLifetime().toNanos();
    this.lifetimeJitter = config.lifetimeJitter();
    this.validateAfterIdle = config.validateAfterIdle().toNanos();
    this.idleTimeout = config.idleTimeout().toNanos();
    this.healthInterval = config.healthCheckInterval().toNanos();
    this.leakThreshold = config.leakDetectionThreshold().toNanos();
    this.minIdle = config.minIdlePerDevice();
  }

  /** The effective per-device cap: the pool's, lowered by the device's own when it sets one. */
  int cap(Device device) {
    int own = device.maxSessions();
    return own > 0 ? Math.min(maxSessionsPerDevice, own) : maxSessionsPerDevice;
  }

  /**
   * When a session created now expires: its lifetime minus up to {@code lifetimeJitter} of it, so
   * sessions created together do not all expire together. {@code random} is in [0, 1).
   */
  long expiresAt(long now, double random) {
    if (lifetime == 0) {
      return Long.MAX_VALUE;
    }
    return now + lifetime - (long) (lifetime * lifetimeJitter * random);
  }

  /** Whether a session retired for {@code reason} is replaced by a successor (rebuild queue). */
  static boolean needsSuccessor(EvictionReason reason) {
    return switch (reason) {
      case LIFETIME, MAX_USES, HEALTH, DISCONNECTED -> true;
      default -> false;
    };
  }

  // ---------------------------------------------------------------- lending

  /**
   * The borrower's last check before lending (I5b): a session from before an evict or a
   * redefinition is retired even when a returner handed it over.
   */
  EvictionReason onLend(PooledSession s, int slotGeneration) {
    return s.generation != slotGeneration ? EvictionReason.MANUAL : null;
  }

  /** Whether sessions idle for a while are validated before they are lent (may do I/O). */
  boolean validatesOnLend() {
    return validateAfterIdle > 0;
  }

  /** Whether a session about to be lent has been idle long enough to be validated first. */
  boolean validateBeforeLending(PooledSession s, long now) {
    return validateAfterIdle > 0
        && now - Math.max(s.lastUsedAt, s.lastCheckedAt) > validateAfterIdle;
  }

  /** A session just claimed from the idle ones: stale (old generation, transport gone) or fit. */
  EvictionReason onClaim(PooledSession s, int slotGeneration) {
    EvictionReason stale = onLend(s, slotGeneration);
    if (stale == null && !s.driver.isOpen()) {
      return EvictionReason.DISCONNECTED;
    }
    return stale;
  }

  /** A session just created: a pool that closed or a device redefined meanwhile retires it. */
  EvictionReason onCreated(PooledSession s, int slotGeneration, boolean poolClosed) {
    return poolClosed ? EvictionReason.POOL_CLOSED : onLend(s, slotGeneration);
  }

  /**
   * A session whose lease just ended normally (not invalidated). Called by the returner, who owns
   * the session; {@code s.uses} already counts the lease that ended.
   */
  EvictionReason onReturn(PooledSession s, int slotGeneration, boolean poolClosed) {
    if (poolClosed) {
      return EvictionReason.POOL_CLOSED;
    }
    if (s.generation != slotGeneration) {
      return EvictionReason.MANUAL;
    }
    EvictionReason marked = s.retireOnReturn; // by a sweep while it was lent
    if (marked != null) {
      return marked;
    }
    if (maxUses > 0 && s.uses >= maxUses) {
      return EvictionReason.MAX_USES;
    }
    if (!s.driver.isOpen()) {
      return EvictionReason.DISCONNECTED;
    }
    return null;
  }

  // ---------------------------------------------------------------- housekeeping sweep

  /**
   * A sweep found {@code s} IDLE: stale, past its lifetime, or idle too long while the device has
   * more than min-idle sessions ({@link EvictionReason#IDLE}, closed without a successor); null
   * keeps it.
   *
   * @param idleCount the device's idle sessions counted so far in this sweep, {@code s} included
   */
  EvictionReason onSweepIdle(PooledSession s, int slotGeneration, long now, int idleCount) {
    EvictionReason stale = onClaim(s, slotGeneration);
    if (stale != null) {
      return stale;
    }
    if (expired(s, now)) {
      return EvictionReason.LIFETIME;
    }
    if (idleTimeout > 0 && now - s.lastUsedAt > idleTimeout && idleCount > minIdle) {
      return EvictionReason.IDLE;
    }
    return null;
  }

  /**
   * Whether a kept IDLE session is due for a health check: at its device's own {@link
   * HealthCheckInterval} when it has one, else at the pool's.
   */
  boolean healthCheckDue(PooledSession s, long now) {
    long interval =
        s.device
            .options()
            .get(HealthCheckInterval.class)
            .map(h -> h.interval().toNanos())
            .orElse(healthInterval);
    return interval > 0 && now - Math.max(s.lastUsedAt, s.lastCheckedAt) > interval;
  }

  /**
   * A sweep found {@code s} lent: past its lifetime it is marked to be retired ({@link
   * PooledSession#retireOnReturn}) when returned, since a lent session is never closed under its
   * borrower. Null: nothing to mark.
   */
  EvictionReason onSweepLent(PooledSession s, long now) {
    return s.retireOnReturn == null && expired(s, now) ? EvictionReason.LIFETIME : null;
  }

  /** Whether the open lease {@code lease} has been held longer than the leak threshold. */
  boolean leakSuspected(TrackedLease<?> lease, long now) {
    return leakThreshold > 0
        && lease != null
        && lease.isOpen()
        && now - lease.acquiredAt > leakThreshold;
  }

  /** How many spare creations the sweep asks for to keep min-idle sessions (may be negative). */
  int missingIdle(int idleCount, int creating) {
    return minIdle - idleCount - creating;
  }

  private boolean expired(PooledSession s, long now) {
    return lifetime != 0 && now - s.expiresAt >= 0;
  }
}
