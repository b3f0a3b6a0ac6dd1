package io.netpool.monitor.settings;

import io.netpool.monitor.inventory.Field;
import io.netpool.monitor.inventory.Fields;
import io.netpool.monitor.inventory.SecretRef;
import io.netpool.monitor.inventory.Section;
import io.netpool.monitor.inventory.Values;

/** The {@code http:} section: where the status page, the API and {@code /metrics} listen. */
public final class HttpSection {
  /** The top-level key. */
  public static final String KEY = "http";

  /** Default {@code host}: loopback only. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** Default {@code port}. */
  public static final int DEFAULT_PORT = 9464;

  /**
   * The HTTP settings.
   *
   * @param host address to bind
   * @param port port; 0 any free one, -1 no HTTP
   * @param token bearer token every request must carry, or null for none
   */
  public record Settings(String host, int port, SecretRef token) {}

  static final Field<String> HOST =
      Field.of("host", Fields.host())
          .orElse(DEFAULT_HOST)
          .help(
              "address to listen on; anything but loopback exposes the status page: set a"
                  + " `token`; `--http-host` wins");
  static final Field<Integer> PORT =
      Field.of("port", Fields.integer(-1, 65535))
          .orElse(DEFAULT_PORT)
          .help("TCP port; `0`: any free port, `-1`: no HTTP; `--http-port` wins");
  static final Field<SecretRef> TOKEN =
      Field.of("token", Fields.secret())
          .docDefault("none")
          .help(
              "bearer token every request must carry (`Authorization: Bearer ...`), a secret"
                  + " reference as for devices; `--http-token-env` wins");

  /** The fields, in documentation order. */
  public static final Section TABLE = Section.of(HOST, PORT, TOKEN);

  /** The section. */
  public static final SettingsSection<Settings> SECTION =
      new SettingsSection<>(KEY, TABLE, HttpSection::build);

  private HttpSection() {}

  private static Settings build(Values v, SettingsSection.Located at) {
    return new Settings(v.get(HOST), v.get(PORT), v.get(TOKEN));
  }
}
