package io.netpool.pool;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Typed, per-device settings for how sessions are made: the SSH host-key mode and algorithms, a
 * jump host, a keepalive. Each protocol factory reads the one type it owns (for example {@code
 * io.netpool.ssh.SshOptions}), keyed by class, the way OkHttp keys a request's tags.
 *
 * <p>Options are part of a device's session identity ({@link Device#sameSessionsAs}); a device's
 * free {@linkplain Device#tags() tags} are not and are never read by netpool, so no label a user
 * writes can change how a session is made. Values must be immutable, compare by value and hold no
 * secret (this class prints only their type names).
 */
public final class SessionOptions {
  /** No options: every factory uses its defaults. */
  public static final SessionOptions NONE = new SessionOptions(Map.of());

  private final Map<Class<?>, Object> values;

  private SessionOptions(Map<Class<?>, Object> values) {
    this.values = values;
  }

  /** Options holding one value. */
  public static <T> SessionOptions of(Class<T> type, T value) {
    return NONE.with(type, value);
  }

  /** A copy with {@code value} as the option of {@code type} (replacing any earlier one). */
  public <T> SessionOptions with(Class<T> type, T value) {
    Objects.requireNonNull(type, "type");
    Map<Class<?>, Object> copy = new LinkedHashMap<>(values);
    copy.put(type, type.cast(Objects.requireNonNull(value, "value")));
    return new SessionOptions(Map.copyOf(copy));
  }

  /** The option of {@code type}, if set. */
  public <T> Optional<T> get(Class<T> type) {
    return Optional.ofNullable(type.cast(values.get(type)));
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SessionOptions other && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  /** The option types only: values are not printed, so nothing sensitive reaches a log. */
  @Override
  public String toString() {
    return "SessionOptions" + values.keySet().stream().map(Class::getSimpleName).sorted().toList();
  }
}
