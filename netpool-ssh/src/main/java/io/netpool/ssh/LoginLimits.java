package io.netpool.ssh;

/**
 * How many SSH logins one pool may run: at once, and started per second. Every session creation of
 * both factories of a pool (TCP connect, key exchange, authentication, and for the CLI the prompt,
 * enable and paging steps) passes one {@link LoginGate} built from these limits.
 *
 * <p>Defaults: 16 concurrent, 10 per second. Why: every login costs the AAA server several
 * transactions (TACACS+ authentication, exec authorization, accounting start; for the CLI also the
 * enable authentication and the authorization of {@code terminal length 0}), so 10 logins/s are
 * about 50 TACACS+ requests/s, which one tac_plus or ISE node serves while operators keep logging
 * in. Users of Netmiko report AAA overload from about 10-25 parallel logins (netmiko #3148, #1036),
 * so at most 16 are in progress. At these limits 5,000 routers warm up in about 8.5 minutes, and
 * the steady churn of such a fleet (one session per router, 30 min max lifetime) is about 3
 * logins/s, a third of the budget.
 *
 * @param maxConcurrentLogins logins in progress at once, at least 1
 * @param loginsPerSecond logins started per second, more than 0 (logins are spaced {@code
 *     1/loginsPerSecond} apart; there is no burst)
 */
public record LoginLimits(int maxConcurrentLogins, double loginsPerSecond) {
  public static final int DEFAULT_MAX_CONCURRENT_LOGINS = 16;
  public static final double DEFAULT_LOGINS_PER_SECOND = 10.0;

  public LoginLimits {
    if (maxConcurrentLogins < 1) {
      throw new IllegalArgumentException(
          "maxConcurrentLogins must be >= 1, was " + maxConcurrentLogins);
    }
    if (!(loginsPerSecond > 0) || Double.isInfinite(loginsPerSecond)) {
      throw new IllegalArgumentException(
          "loginsPerSecond must be a positive number, was " + loginsPerSecond);
    }
    if (1e9 / loginsPerSecond < 1) {
      throw new IllegalArgumentException(
          "loginsPerSecond must be at most 1e9, was " + loginsPerSecond);
    }
  }

  /** 16 concurrent logins, 10 per second. */
  public static LoginLimits defaults() {
    return new LoginLimits(DEFAULT_MAX_CONCURRENT_LOGINS, DEFAULT_LOGINS_PER_SECOND);
  }

  public LoginLimits withMaxConcurrentLogins(int v) {
    return new LoginLimits(v, loginsPerSecond);
  }

  public LoginLimits withLoginsPerSecond(double v) {
    return new LoginLimits(maxConcurrentLogins, v);
  }

  /** The gap between two login starts, in nanoseconds (at least 1). */
  long intervalNanos() {
    return Math.max(1, Math.round(1e9 / loginsPerSecond));
  }
}
