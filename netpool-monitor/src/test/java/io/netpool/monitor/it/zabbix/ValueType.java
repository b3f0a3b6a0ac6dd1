package io.netpool.monitor.it.zabbix;

import java.util.Arrays;

/** An item's "type of information" ({@code value_type}), which also picks its history table. */
public enum ValueType {
  FLOAT(0),
  CHARACTER(1),
  LOG(2),
  UNSIGNED(3),
  TEXT(4);

  private final int code;

  ValueType(int code) {
    this.code = code;
  }

  /** The API's number, for {@code item.create} and {@code history.get}. */
  public int code() {
    return code;
  }

  static ValueType ofCode(int code) {
    return Arrays.stream(values())
        .filter(t -> t.code == code)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown value_type " + code));
  }
}
