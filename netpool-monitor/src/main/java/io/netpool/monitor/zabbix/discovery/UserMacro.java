package io.netpool.monitor.zabbix.discovery;

import java.util.Objects;

/**
 * A user macro as the API returns it (host, template or global).
 *
 * @param name the macro with braces, e.g. {@code {$LINE_ID}} or {@code {$LINE_ID:"ctx"}}
 * @param value its value; null for secret macros, whose value the API never returns
 * @param type {@link #TEXT}, {@link #SECRET} or {@link #VAULT}
 */
public record UserMacro(String name, String value, int type) {
  /** A plain text macro. */
  public static final int TEXT = 0;

  /** A secret text macro: the API returns no value. */
  public static final int SECRET = 1;

  /** A vault macro: the value is a path in a vault, not the secret. */
  public static final int VAULT = 2;

  public UserMacro {
    Objects.requireNonNull(name, "name");
  }

  /** A text macro. */
  public static UserMacro text(String name, String value) {
    return new UserMacro(name, value, TEXT);
  }

  /** Values are left out: a text macro may hold a router password. */
  @Override
  public String toString() {
    return name + (type == TEXT ? "" : type == SECRET ? " (secret)" : " (vault)");
  }
}
