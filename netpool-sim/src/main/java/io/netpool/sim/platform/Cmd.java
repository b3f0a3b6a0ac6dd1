package io.netpool.sim.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A command line split into words, with abbreviation matching the way device CLIs do it. */
public final class Cmd {
  private final String line;
  private final List<String> words = new ArrayList<>();
  private final List<Integer> starts = new ArrayList<>();

  private Cmd(String line) {
    this.line = line;
    int i = 0;
    int n = line.length();
    while (i < n) {
      while (i < n && Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      if (i >= n) {
        break;
      }
      int s = i;
      while (i < n && !Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      words.add(line.substring(s, i));
      starts.add(s);
    }
  }

  public static Cmd parse(String line) {
    return new Cmd(line);
  }

  public String line() {
    return line;
  }

  public int size() {
    return words.size();
  }

  public String get(int i) {
    return i < words.size() ? words.get(i) : "";
  }

  /** Column of word {@code i} in the line, or the line's length past the last word. */
  public int column(int i) {
    return i < starts.size() ? starts.get(i) : line.length();
  }

  /** Word {@code i} is {@code keyword} or an abbreviation of it of at least 2 characters. */
  public boolean is(int i, String keyword) {
    return is(i, keyword, 2);
  }

  public boolean is(int i, String keyword, int minLength) {
    if (i >= words.size()) {
      return false;
    }
    String w = words.get(i).toLowerCase(Locale.ROOT);
    return keyword.startsWith(w) && w.length() >= Math.min(minLength, keyword.length());
  }

  /** Words {@code from} .. end joined with single spaces. */
  public String rest(int from) {
    return from >= words.size() ? "" : String.join(" ", words.subList(from, words.size()));
  }

  /** True if {@code s} is a dotted-quad IPv4 address. */
  public static boolean isIpv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        return false;
      }
      if (Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }

  /** True if {@code s} is an IPv6 address literal ({@code 2001:db8::2}, {@code ::ffff:1.2.3.4}). */
  public static boolean isIpv6(String s) {
    if (s.indexOf(':') < 0 || !s.matches("[0-9A-Fa-f:.]{2,45}")) {
      return false;
    }
    try {
      // a literal with ':' is parsed, never looked up
      return java.net.InetAddress.getByName(s) instanceof java.net.Inet6Address;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  /** Parses a non-negative integer, or -1. */
  public static long number(String s) {
    if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    return Long.parseLong(s);
  }
}
