package io.netpool.bench.e2e;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command line of the e2e mains: {@code --name value} options and {@code --name} flags, each name
 * declared up front so that a typo is an error naming the option, never a silent default.
 */
final class Args {
  private final Map<String, String> values = new HashMap<>();
  private final Set<String> flags = new HashSet<>();

  private Args() {}

  /**
   * @param options names (without {@code --}) that take a value
   * @param flagNames names that take none
   */
  static Args parse(String[] args, List<String> options, List<String> flagNames) {
    Args a = new Args();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + arg + "'");
      }
      String name = arg.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq > 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (flagNames.contains(name)) {
        if (value != null) {
          throw new IllegalArgumentException("--" + name + " takes no value");
        }
        a.flags.add(name);
      } else if (options.contains(name)) {
        if (value == null) {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException("missing value for --" + name);
          }
          value = args[++i];
        }
        a.values.put(name, value);
      } else {
        throw new IllegalArgumentException(
            "unknown option --" + name + " (known: " + options + ", flags: " + flagNames + ")");
      }
    }
    return a;
  }

  boolean flag(String name) {
    return flags.contains(name);
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  String string(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  String required(String name) {
    String v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return v;
  }

  Path path(String name) {
    return Path.of(required(name));
  }

  int integer(String name, int fallback) {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + ": not an integer: '" + v + "'");
    }
  }

  double decimal(String name, double fallback) {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + ": not a number: '" + v + "'");
    }
  }
}
