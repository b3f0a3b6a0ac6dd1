package io.netpool.monitor.it.zabbix;

import static org.junit.jupiter.api.Assertions.fail;

import io.netpool.monitor.zabbix.delivery.ZabbixSender;
import io.netpool.monitor.zabbix.delivery.tls.TrapperConnector;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Zabbix server (Debian packages, PostgreSQL, API on PHP's built-in server) that the
 * integration tests run against, started once per JVM through {@code bin/zabbix-server start}.
 *
 * <p>{@link #get()} skips the calling test (assumption failure) when the script says the packages
 * cannot be installed here (exit 3), and fails it with the script's output for any other problem.
 * The server is stopped at JVM exit only if this JVM started it; one that was already running
 * (started by hand or by another test run) is left running.
 */
public final class RealZabbix {

  /** Installing the packages on a fresh machine takes a while; a cold start about 15 s. */
  private static final Duration START_TIMEOUT = Duration.ofMinutes(10);

  private static final Duration SHORT_TIMEOUT = Duration.ofSeconds(60);

  private static final String SKIPPED =
      "real Zabbix unavailable, Zabbix integration test skipped: ";

  private final ZabbixServerScript script;
  private final URI apiUrl;
  private final String trapperHost;
  private final int trapperPort;
  private final String user;
  private final String password;
  private final Path tlsDir;

  private RealZabbix(ZabbixServerScript script, Map<String, String> env) {
    this.script = script;
    this.apiUrl = URI.create(required(env, "NETPOOL_ZABBIX_API_URL"));
    String trapper = required(env, "NETPOOL_ZABBIX_TRAPPER");
    int colon = trapper.lastIndexOf(':');
    this.trapperHost = trapper.substring(0, colon);
    this.trapperPort = Integer.parseInt(trapper.substring(colon + 1));
    this.user = required(env, "NETPOOL_ZABBIX_USER");
    this.password = required(env, "NETPOOL_ZABBIX_PASSWORD");
    this.tlsDir = Path.of(required(env, "NETPOOL_ZABBIX_TLS_DIR"));
  }

  /**
   * The running server; starts it on first use. Call it in {@code @BeforeEach} or in the test: when
   * the packages cannot be installed it aborts the test (reported as skipped, with the reason); for
   * any other problem it fails it.
   *
   * <p>Do not let it abort a {@code @BeforeAll}: failsafe then reports the class as "Tests run: 0"
   * without the reason. Guard class set-up with {@link #available()} instead.
   */
  public static RealZabbix get() {
    Outcome outcome = Holder.OUTCOME;
    if (outcome.skipReason() != null) {
      Assumptions.abort(SKIPPED + outcome.skipReason());
    }
    if (outcome.failure() != null) {
      fail(outcome.failure());
    }
    return outcome.zabbix();
  }

  /**
   * Starts the server on first use; false when the packages cannot be installed here, so that a
   * {@code @BeforeAll} can skip its set-up (its tests then skip through {@link #get()}). Fails the
   * caller on any other problem.
   */
  public static boolean available() {
    Outcome outcome = Holder.OUTCOME;
    if (outcome.failure() != null) {
      fail(outcome.failure());
    }
    return outcome.zabbix() != null;
  }

  /** The JSON-RPC endpoint, e.g. {@code http://127.0.0.1:18080/api_jsonrpc.php}. */
  public URI apiUrl() {
    return apiUrl;
  }

  public String trapperHost() {
    return trapperHost;
  }

  public int trapperPort() {
    return trapperPort;
  }

  /** The frontend's super administrator. */
  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  /**
   * The server's TLS files, made by {@code bin/zabbix-server}: {@code ca.crt} and {@code ca.key} (a
   * throw-away CA), {@code server.crt} (the server's certificate), {@code ca.crl} (the server's
   * CRL, revoking {@code revoked-sender.crt} with {@code revoked-sender.key}).
   */
  public Path tlsDir() {
    return tlsDir;
  }

  /** A sender to the trapper over {@code connector}: 5 s to connect, 15 s for the reply. */
  public ZabbixSender sender(TrapperConnector connector) {
    return new ZabbixSender(
        trapperHost,
        trapperPort,
        Duration.ofSeconds(5),
        Duration.ofSeconds(15),
        ZabbixSender.DEFAULT_MAX_REPLY_BYTES,
        Clock.systemUTC(),
        connector);
  }

  /** A new admin client, logged in, with a fresh name prefix for this test run. */
  public ZabbixAdmin admin() {
    return ZabbixAdmin.login(apiUrl, user, password, this::reloadConfigCache);
  }

  /** Makes the server load new hosts and items now instead of at its next periodic sync. */
  public void reloadConfigCache() {
    ZabbixServerScript.Result result = script.run("reload", SHORT_TIMEOUT);
    if (!result.ok()) {
      throw new IllegalStateException(
          "bin/zabbix-server reload failed (exit " + result.exitCode() + "): " + result.tail(10));
    }
  }

  @Override
  public String toString() {
    return "RealZabbix[api=" + apiUrl + ", trapper=" + trapperHost + ":" + trapperPort + "]";
  }

  private static String required(Map<String, String> env, String key) {
    String value = env.get(key);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("bin/zabbix-server env printed no " + key);
    }
    return value;
  }

  /** What starting the server gave: exactly one of the three is set. */
  private record Outcome(RealZabbix zabbix, String skipReason, String failure) {}

  /** Starts the server when the class is first used: once per JVM, thread-safe by class init. */
  private static final class Holder {
    static final Outcome OUTCOME = start();

    private static Outcome start() {
      ZabbixServerScript script;
      try {
        script = ZabbixServerScript.locate();
      } catch (IllegalStateException e) {
        return new Outcome(null, null, e.getMessage());
      }
      boolean alreadyRunning = script.run("status", SHORT_TIMEOUT).ok();
      if (!alreadyRunning) {
        ZabbixServerScript.Result started = script.run("start", START_TIMEOUT);
        if (started.exitCode() == ZabbixServerScript.EXIT_PACKAGES_UNAVAILABLE) {
          // Once in the build log too: skipped tests' reasons only reach the report files.
          System.err.println(SKIPPED + started.lastLine());
          return new Outcome(null, started.lastLine(), null);
        }
        if (!started.ok()) {
          return new Outcome(
              null,
              null,
              "bin/zabbix-server start failed (exit "
                  + started.exitCode()
                  + "); last lines:\n"
                  + started.tail(30));
        }
        Runtime.getRuntime()
            .addShutdownHook(
                Thread.ofPlatform()
                    .name("zabbix-server-stop")
                    .unstarted(() -> script.run("stop", SHORT_TIMEOUT)));
      }
      ZabbixServerScript.Result env = script.run("env", SHORT_TIMEOUT);
      if (!env.ok()) {
        return new Outcome(null, null, "bin/zabbix-server env failed: " + env.tail(10));
      }
      try {
        return new Outcome(new RealZabbix(script, parseEnv(env.output())), null, null);
      } catch (RuntimeException e) {
        return new Outcome(null, null, "bin/zabbix-server env: " + e.getMessage());
      }
    }

    private static Map<String, String> parseEnv(String output) {
      Map<String, String> env = new HashMap<>();
      output
          .lines()
          .filter(line -> line.startsWith("NETPOOL_ZABBIX_") && line.contains("="))
          .forEach(
              line ->
                  env.put(
                      line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1)));
      return env;
    }
  }
}
