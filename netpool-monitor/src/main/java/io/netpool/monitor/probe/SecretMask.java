package io.netpool.monitor.probe;

import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.SecretRef;
import java.util.ArrayList;
import java.util.List;

/**
 * A router's password and enable secret, as read when the mask was made, replaced by {@code ******}
 * in what the router printed: a device may echo a secret (a typed password, a configuration dump),
 * and outputs are shown, kept and logged.
 */
public final class SecretMask {
  /** Shortest secret masked: masking "a" would shred every output. */
  private static final int MIN_MASKED = 3;

  private final List<String> secrets;

  private SecretMask(List<String> secrets) {
    this.secrets = List.copyOf(secrets);
  }

  /** The mask of {@code router}'s secrets; an unreadable secret is left out (its login fails). */
  public static SecretMask of(DeviceSpec router) {
    List<String> out = new ArrayList<>(2);
    for (SecretRef ref : new SecretRef[] {router.password(), router.enableSecret()}) {
      if (ref == null) {
        continue;
      }
      try {
        String v = ref.toSecret().reveal();
        if (v != null && v.length() >= MIN_MASKED) {
          out.add(v);
        }
      } catch (RuntimeException e) {
        // unreadable now: the login fails too, and no output will come to mask
      }
    }
    return new SecretMask(out);
  }

  /** A mask of these values (each masked whatever its length; for tests). */
  static SecretMask ofValues(List<String> secrets) {
    return new SecretMask(secrets);
  }

  /** {@code output} with every secret replaced by {@code ******} (null stays null). */
  public String apply(String output) {
    if (output == null) {
      return null;
    }
    String s = output;
    for (String secret : secrets) {
      s = s.replace(secret, "******");
    }
    return s;
  }
}
