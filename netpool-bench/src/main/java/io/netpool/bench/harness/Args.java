package io.netpool.bench.harness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} command-line options of the plain harnesses, with clear errors. */
public final class Args {
  private final Map<String, String> values = new HashMap<>();
  private final String usage;

  /** Parses {@code args}; every option takes one value. */
  public Args(String[] args, String usage) {
    this.usage = usage;
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("bad argument '" + args[i] + "'\n" + usage);
      }
      values.put(args[i].substring(2), args[++i]);
    }
  }

  public String text(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  public long number(String name, long fallback) {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Long.parseLong(v.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + ": not a number: '" + v + "'\n" + usage, e);
    }
  }

  public List<Long> numbers(String name, String fallback) {
    List<Long> out = new ArrayList<>();
    for (String part : text(name, fallback).split(",")) {
      try {
        out.add(Long.parseLong(part.trim().replace("_", "")));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "--" + name + ": not a number: '" + part + "'\n" + usage, e);
      }
    }
    return out;
  }

  public List<String> list(String name, String fallback) {
    List<String> out = new ArrayList<>();
    for (String part : text(name, fallback).split(",")) {
      if (!part.isBlank()) {
        out.add(part.trim());
      }
    }
    return out;
  }
}
