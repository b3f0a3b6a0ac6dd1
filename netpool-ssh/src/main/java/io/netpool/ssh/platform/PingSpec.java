package io.netpool.ssh.platform;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a platform spells its ping command: the {@link PingSyntax shape} plus the words that go into
 * it. This is data only; the command builders live with the ping probe (netpool-monitor). The YAML
 * form is the {@code ping:} block of a profile; every key but {@code syntax} defaults to the
 * shape's value ({@link PingSyntax#defaults()}), see the module README for the table.
 *
 * @param syntax the command shape
 * @param countWord word before the probe count ({@code repeat} on IOS/IOS-XE and EOS, {@code count}
 *     on IOS-XR, NX-OS and Junos, {@code -c} for dash and Linux)
 * @param timeoutWord word before the per-probe timeout ({@code timeout}, Junos {@code wait}, dash
 *     {@code -t}, Linux {@code -W})
 * @param timeoutUnit unit of the timeout value: whole seconds rounded up (at least 1), or
 *     milliseconds (1..65535; dash style)
 * @param sizeWord word before the payload size ({@code size}, NX-OS {@code packet-size}, {@code
 *     -s})
 * @param sourceAddressWord word before a source address
 * @param sourceInterfaceWord word before a source interface name
 * @param vrfWord word before the VRF / vpn-instance / routing-instance name (Linux: the command
 *     prefix {@code ip vrf exec})
 * @param ipv6Word word that selects IPv6 (NX-OS: the command used instead of {@code ping})
 * @param icmpErrorsWord option that makes an IPv4 ping print the ICMP errors it receives (Huawei
 *     VRP and H3C Comware {@code -v}: without it they print {@code Request time out} for an
 *     unreachable target), or null where the ping prints them anyway; their {@code ping ipv6} has
 *     no such option, so it is left out for IPv6
 */
public record PingSpec(
    PingSyntax syntax,
    String countWord,
    String timeoutWord,
    TimeoutUnit timeoutUnit,
    String sizeWord,
    String sourceAddressWord,
    String sourceInterfaceWord,
    String vrfWord,
    String ipv6Word,
    String icmpErrorsWord) {

  /**
   * A word that is pasted into a device command line: letters, digits, {@code _ . -}, single spaces
   * between parts, optionally a leading {@code -}; at most 64 characters.
   */
  static final Pattern WORD =
      Pattern.compile("^-{0,2}[A-Za-z0-9][A-Za-z0-9_.\\-]*(?: [A-Za-z0-9_.\\-]+)*$");

  /** The unit of the ping timeout value. */
  public enum TimeoutUnit {
    /** Whole seconds, rounded up, at least 1 ({@code s} in YAML). */
    SECONDS("s"),
    /** Milliseconds, 1..65535 ({@code ms} in YAML). */
    MILLISECONDS("ms");

    private final String yamlName;

    TimeoutUnit(String yamlName) {
      this.yamlName = yamlName;
    }

    /** {@code s} or {@code ms}. */
    public String yamlName() {
      return yamlName;
    }

    /** The unit with this YAML name ({@code s}, {@code ms}; case-insensitive). */
    public static Optional<TimeoutUnit> fromYamlName(String name) {
      if (name == null) {
        return Optional.empty();
      }
      String n = name.strip().toLowerCase(Locale.ROOT);
      for (TimeoutUnit u : values()) {
        if (u.yamlName.equals(n)) {
          return Optional.of(u);
        }
      }
      return Optional.empty();
    }
  }

  public PingSpec {
    Objects.requireNonNull(syntax, "syntax");
    Objects.requireNonNull(timeoutUnit, "timeoutUnit");
    checkWord("count_word", countWord);
    checkWord("timeout_word", timeoutWord);
    checkWord("size_word", sizeWord);
    checkWord("source_address_word", sourceAddressWord);
    checkWord("source_interface_word", sourceInterfaceWord);
    checkWord("vrf_word", vrfWord);
    checkWord("ipv6_word", ipv6Word);
    if (icmpErrorsWord != null) {
      checkWord("icmp_errors_word", icmpErrorsWord);
    }
  }

  /** The defaults of {@code syntax}; same as {@link PingSyntax#defaults()}. */
  public static PingSpec of(PingSyntax syntax) {
    return syntax.defaults();
  }

  /** The source word for a source that is an address ({@code true}) or an interface name. */
  public String sourceWord(boolean sourceIsAddress) {
    return sourceIsAddress ? sourceAddressWord : sourceInterfaceWord;
  }

  /** Null when {@code word} is acceptable, else what is wrong with it. */
  static String wordProblem(String word) {
    if (word == null || word.isBlank()) {
      return "must not be empty";
    }
    if (word.length() > 64) {
      return "longer than 64 characters";
    }
    if (!WORD.matcher(word).matches()) {
      return "'"
          + word
          + "' is not a command word (letters, digits, _ . -, single spaces between parts,"
          + " optionally leading -)";
    }
    return null;
  }

  private static void checkWord(String field, String word) {
    String problem = wordProblem(word);
    if (problem != null) {
      throw new IllegalArgumentException("ping." + field + ": " + problem);
    }
  }
}
