package io.netpool.monitor.inventory;

import java.util.HashMap;
import java.util.Map;

/**
 * The values a {@link Section} read from one mapping, defaults applied, with typed getters. Each
 * field is absent, explicitly empty, invalid (already reported) or has a value.
 */
public final class Values {
  /** An explicit {@code ~} / empty value: "not set", and defaults do not apply. */
  static final Object UNSET = new Object();

  /** A value that was invalid (already reported). */
  static final Object INVALID = new Object();

  private final Map<String, Object> raw = new HashMap<>();
  private boolean missing;

  Values() {}

  /** No values (a section without defaults). */
  public static Values none() {
    return new Values();
  }

  void put(Field<?> f, Object value) {
    if (value != null) {
      raw.put(f.key(), value);
    }
  }

  /** The raw state: null (absent), {@link #UNSET}, {@link #INVALID} or the value. */
  Object raw(Field<?> f) {
    return raw.get(f.key());
  }

  void missing() {
    missing = true;
  }

  /** True when no field is invalid and no required field is missing. */
  public boolean ok() {
    return !missing && !raw.containsValue(INVALID);
  }

  /** True when the field is written, valid or not (not absent and not empty). */
  public boolean isSet(Field<?> f) {
    Object v = raw(f);
    return v != null && v != UNSET;
  }

  /** True when the field has a value (not absent, empty or invalid). */
  public boolean has(Field<?> f) {
    Object v = raw(f);
    return v != null && v != UNSET && v != INVALID;
  }

  /** The field's value, or its default ({@link Field#orElse}, may be null). */
  @SuppressWarnings("unchecked")
  public <T> T get(Field<T> f) {
    return has(f) ? (T) raw(f) : f.orElse();
  }
}
