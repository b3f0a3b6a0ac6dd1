package io.netpool.ssh;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The AAA group a device logs in through (a typed session option): its logins pass that group's
 * {@link LoginGate} in {@link AaaGroupGates} on top of the pool-wide one, so one TACACS+/RADIUS
 * server cluster is never asked for more logins than it serves, whatever the rest of the fleet
 * does.
 *
 * @param name the group's name as in {@code aaa_groups:}: 1..64 of letters, digits and {@code _ . :
 *     -}
 */
public record AaaGroup(String name) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

  public AaaGroup {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "AAA group name must be 1..64 of letters, digits and _ . : -, was '" + name + "'");
    }
  }

  /** True when {@code name} is a valid group name. */
  public static boolean validName(String name) {
    return name != null && NAME.matcher(name).matches();
  }
}
