package io.netpool.monitor.zabbix.delivery.tls;

import java.util.HexFormat;

/** The rules of a Zabbix PSK: hex digits, 128 to 2048 bit (32 to 512 digits), as TLSPSKFile. */
public final class PskKey {
  /** Fewest hex digits Zabbix accepts (128 bit). */
  public static final int MIN_HEX_DIGITS = 32;

  /** Most hex digits Zabbix accepts (2048 bit). */
  public static final int MAX_HEX_DIGITS = 512;

  /** Longest PSK identity Zabbix accepts, in UTF-8 bytes. */
  public static final int MAX_IDENTITY_BYTES = 128;

  private PskKey() {}

  /**
   * The key bytes of {@code hex}.
   *
   * @throws IllegalArgumentException saying what is wrong, never quoting the value
   */
  public static byte[] parse(String hex) {
    String t = hex == null ? "" : hex.strip();
    if (t.length() < MIN_HEX_DIGITS || t.length() > MAX_HEX_DIGITS) {
      throw new IllegalArgumentException(
          "the PSK must have "
              + MIN_HEX_DIGITS
              + " to "
              + MAX_HEX_DIGITS
              + " hex digits (128 to 2048 bit), it has "
              + t.length()
              + " characters");
    }
    if (t.length() % 2 != 0 || !t.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new IllegalArgumentException(
          "the PSK must be an even number of hex digits (0-9, a-f), as `openssl rand -hex 32`"
              + " writes it");
    }
    return HexFormat.of().parseHex(t);
  }
}
