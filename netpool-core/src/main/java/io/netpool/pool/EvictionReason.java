package io.netpool.pool;

/** Why the pool closed a session that was not broken by its user. */
public enum EvictionReason {
  /** Idle longer than {@link PoolConfig#idleTimeout()} with more than min-idle sessions. */
  IDLE,
  /** Older than its (jittered) {@link PoolConfig#maxLifetime()}. */
  LIFETIME,
  /** Lent {@link PoolConfig#maxUses()} times. */
  MAX_USES,
  /** Failed a health check or validation. */
  HEALTH,
  /** {@link DevicePool#evict(Device)} or the device's definition changed. */
  MANUAL,
  /** Closed to give its global permit to a device with waiting borrowers. */
  MAKE_ROOM,
  /** The driver reported itself closed. */
  DISCONNECTED,
  /** The pool was closed. */
  POOL_CLOSED
}
