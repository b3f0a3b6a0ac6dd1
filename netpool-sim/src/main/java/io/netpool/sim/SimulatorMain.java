package io.netpool.sim;

import io.netpool.sim.platform.Platform;
import io.netpool.sim.platform.TargetBehaviour;
import io.netpool.sim.platform.sla.SlaOperation;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;

/**
 * Command line entry: starts a simulated fleet, prints a table of devices and credentials,
 * optionally writes an inventory YAML, and runs until Ctrl-C. Exit codes: 0 success, 2 usage error,
 * 1 anything else.
 */
public final class SimulatorMain {

  private SimulatorMain() {}

  static final String USAGE =
      """
      Usage: netpool sim [options]
        --devices N            number of devices (default 10)
        --platform P           mixed (default: cycles through all platforms) or one platform,
                               by name or alias (case-insensitive):
      %s\
        --host H               listen address (default 127.0.0.1)
        --base-port P          device i listens on P+i (default: ephemeral ports)
        --seed S               seed of every random choice (default 1)
        --username U           login user (default netops)
        --password P           login password (default netops)
        --enable-secret S      enable secret; with it, Cisco IOS/IOS-XE/EOS logins land in '>'
        --loss-lines K         K devices (spread over the fleet) lose --loss-percent of pings
        --loss-percent X       per-probe loss of those devices (default 20)
        --unreachable-lines K  K further devices get ICMP unreachable for every target
        --latency MIN-MAX      round-trip time range in ms (default 2-20)
        --time-scale X         factor on simulated ping durations (default 1 = real time)
        --command-latency MS   every command takes MS ms before it answers, shell and exec
                               (default 0; not scaled by --time-scale)
        --sla SPEC             an SLA operation of the routers' own, on every Cisco, Junos,
                               Huawei and H3C device (repeatable; the k-th is Cisco entry
                               k*10, Junos owner/test and Huawei/H3C admin/test netpool/slak).
                               SPEC: KIND:TARGET[,option...], KIND icmp-echo or udp-jitter;
                               options freq=60s latency=2-20 loss=PERCENT jitter=MS
                               packets=N codec=g711alaw one-way stale not-running
        --host-key FILE        keep the host key in FILE (default: a fresh key per start)
        --inventory-out FILE   write the fleet as a monitor inventory (devices only; see
                               netpool-sim/README.md); secrets are written as references:
        --password-ref REF     the devices' password: env:NAME (default env:NETPOOL_SIM_PASSWORD,
                               written {env: NAME}), file:PATH ({file: 'PATH'}), or value (the
                               --password itself, {value: '...'}; the file then holds it)
        --enable-secret-ref REF
                               the same for enable_secret, written only with --enable-secret
                               (default env:NETPOOL_SIM_ENABLE_SECRET)
        -h, --help             this help
      """
          .formatted(platformList());

  /** One line per platform of {@link Platform}: {@code cisco_iosxe (iosxe, ios-xe, cisco_xe)}. */
  private static String platformList() {
    StringBuilder sb = new StringBuilder();
    for (Platform p : Platform.values()) {
      sb.append(" ".repeat(27)).append(p.id());
      if (!p.aliases().isEmpty()) {
        sb.append(" (").append(String.join(", ", p.aliases())).append(')');
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err, true));
  }

  /** Options parsed from the command line. */
  static final class Options {
    int devices = 10;
    String platform = "mixed";
    String host = "127.0.0.1";
    int basePort;
    long seed = 1;
    String username = "netops";
    String password = "netops";
    String enableSecret;
    int lossLines;
    double lossPercent = 20;
    int unreachableLines;
    double latencyMin = 2;
    double latencyMax = 20;
    double timeScale = 1;
    double commandLatencyMs;
    Path hostKey;
    Path inventoryOut;
    final List<SlaOperation> sla = new ArrayList<>();
    SecretRef passwordRef = new SecretRef("env", "NETPOOL_SIM_PASSWORD");
    SecretRef enableSecretRef = new SecretRef("env", "NETPOOL_SIM_ENABLE_SECRET");
  }

  /**
   * How the inventory names a secret, in the form the monitor's inventory loader accepts ({@code
   * docs/inventory.md}, "Secret references"): an environment variable, a file, or the value itself.
   */
  record SecretRef(String kind, String argument) {

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Parses {@code env:NAME}, {@code file:PATH} or {@code value}. */
    static SecretRef parse(String option, String text) {
      int colon = text.indexOf(':');
      String kind = colon < 0 ? text : text.substring(0, colon);
      String arg = colon < 0 ? "" : text.substring(colon + 1);
      boolean ok =
          switch (kind) {
            case "env" -> ENV_NAME.matcher(arg).matches();
            case "file" -> !arg.isBlank();
            case "value" -> colon < 0;
            default -> false;
          };
      if (!ok) {
        throw new UsageException(
            option + " must be env:NAME, file:PATH or value, not '" + text + "'");
      }
      return new SecretRef(kind, arg);
    }

    /** The YAML flow mapping; {@code secret} is written only for {@code value}. */
    String yaml(String secret) {
      return switch (kind) {
        case "env" -> "{env: " + argument + "}";
        case "file" -> "{file: " + singleQuoted(argument) + "}";
        default -> "{value: " + singleQuoted(secret) + "}";
      };
    }

    /** For the inventory's header comment; never the secret itself. */
    String describe() {
      return switch (kind) {
        case "env" -> "from environment variable " + argument;
        case "file" -> "from file " + argument;
        default -> "written in this file";
      };
    }

    private static String singleQuoted(String s) {
      return "'" + s.replace("'", "''") + "'";
    }
  }

  static Options parse(String[] args) {
    Options o = new Options();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String v = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        v = a.substring(eq + 1);
        a = a.substring(0, eq);
      }
      if (a.equals("-h") || a.equals("--help")) {
        throw new UsageException(null);
      }
      if (v == null) {
        if (i + 1 >= args.length) {
          throw new UsageException("missing value for " + a);
        }
        v = args[++i];
      }
      try {
        switch (a) {
          case "--devices" -> o.devices = positive(a, Integer.parseInt(v));
          case "--platform" -> o.platform = v.equals("mixed") ? v : Platform.of(v).id();
          case "--host" -> o.host = v;
          case "--base-port" -> o.basePort = Integer.parseInt(v);
          case "--seed" -> o.seed = Long.parseLong(v);
          case "--username" -> o.username = v;
          case "--password" -> o.password = v;
          case "--enable-secret" -> o.enableSecret = v;
          case "--loss-lines" -> o.lossLines = Integer.parseInt(v);
          case "--loss-percent" -> o.lossPercent = Double.parseDouble(v);
          case "--unreachable-lines" -> o.unreachableLines = Integer.parseInt(v);
          case "--latency" -> {
            String[] mm = v.split("-", 2);
            o.latencyMin = Double.parseDouble(mm[0]);
            o.latencyMax = Double.parseDouble(mm.length > 1 ? mm[1] : mm[0]);
          }
          case "--time-scale" -> o.timeScale = Double.parseDouble(v);
          case "--command-latency" -> o.commandLatencyMs = Double.parseDouble(v);
          case "--host-key" -> o.hostKey = Path.of(v);
          case "--sla" -> o.sla.add(slaSpec(v));
          case "--inventory-out" -> o.inventoryOut = Path.of(v);
          case "--password-ref" -> o.passwordRef = SecretRef.parse(a, v);
          case "--enable-secret-ref" -> o.enableSecretRef = SecretRef.parse(a, v);
          default -> throw new UsageException("unknown option " + a);
        }
      } catch (IllegalArgumentException e) {
        if (e instanceof UsageException) {
          throw e;
        }
        throw new UsageException("bad value for " + a + ": " + v);
      }
    }
    if (o.basePort != 0 && (o.basePort < 1 || o.basePort + o.devices - 1 > 65535)) {
      throw new UsageException("--base-port out of range for " + o.devices + " devices");
    }
    if (!(o.commandLatencyMs >= 0) || o.commandLatencyMs > 3_600_000) {
      throw new UsageException("--command-latency must be 0..3600000 ms");
    }
    if (o.lossPercent < 0 || o.lossPercent > 100 || o.latencyMax < o.latencyMin) {
      throw new UsageException("--loss-percent must be 0..100 and --latency MIN-MAX ascending");
    }
    return o;
  }

  private static SlaOperation slaSpec(String v) {
    try {
      return SlaOperation.parse(v);
    } catch (IllegalArgumentException e) {
      throw new UsageException("bad --sla " + v + ": " + e.getMessage());
    }
  }

  /**
   * The name the platform gives the k-th (from 1) operation of {@code --sla}: Cisco entry k*10,
   * else {@code netpool/slak}; null on platforms without SLA operations.
   */
  static String slaKey(Platform p, int k) {
    return switch (p) {
      case CISCO_IOS, CISCO_IOSXE, CISCO_NXOS, CISCO_IOSXR -> Integer.toString(k * 10);
      case JUNIPER_JUNOS, HUAWEI_VRP, H3C_COMWARE -> "netpool/sla" + k;
      default -> null;
    };
  }

  private static int positive(String name, int v) {
    if (v < 1) {
      throw new UsageException(name + " must be >= 1");
    }
    return v;
  }

  /** Bad command line. */
  static final class UsageException extends IllegalArgumentException {
    UsageException(String message) {
      super(message);
    }
  }

  /** The fleet described by the options. */
  static List<DeviceSpec> fleet(Options o) {
    List<DeviceSpec> specs = new ArrayList<>(o.devices);
    Platform[] all = Platform.values();
    int width = String.valueOf(o.devices).length();
    TargetBehaviour base = TargetBehaviour.latency(o.latencyMin, o.latencyMax);
    for (int i = 0; i < o.devices; i++) {
      Platform p = o.platform.equals("mixed") ? all[i % all.length] : Platform.of(o.platform);
      String id = "r" + String.format("%0" + width + "d", i + 1);
      TargetBehaviour t = base;
      if (spread(i, o.lossLines, o.devices, 0)) {
        t = base.withLoss(o.lossPercent / 100.0);
      } else if (spread(i, o.unreachableLines, o.devices, 1)) {
        t = TargetBehaviour.unreachableTarget();
      }
      DeviceSpec.Builder b =
          DeviceSpec.builder(id, p)
              .hostname(id.toUpperCase(java.util.Locale.ROOT))
              .enableRequired(o.enableSecret != null)
              .defaultTarget(t);
      for (int k = 1; k <= o.sla.size(); k++) {
        String key = slaKey(p, k);
        if (key != null) {
          b.slaOperation(key, o.sla.get(k - 1));
        }
      }
      specs.add(b.build());
    }
    return specs;
  }

  /** Whether device i is one of k devices spread evenly over n (offset separates groups). */
  private static boolean spread(int i, int k, int n, int offset) {
    if (k <= 0) {
      return false;
    }
    int step = Math.max(1, n / k);
    return (i - offset) >= 0 && (i - offset) % step == 0 && (i - offset) / step < k;
  }

  /**
   * Runs the command line: starts the fleet, prints its table, writes the inventory if asked; then,
   * with {@code block}, serves until the JVM shuts down (Ctrl-C), otherwise stops the fleet at once
   * (tests, and tools that only want the table or the inventory file). Returns the exit code.
   */
  public static int run(String[] args, PrintStream out, PrintStream err, boolean block) {
    Options o;
    try {
      o = parse(args);
    } catch (UsageException e) {
      if (e.getMessage() == null) {
        out.print(USAGE);
        return 0;
      }
      err.println("netpool sim: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    try {
      Simulator.Builder b =
          Simulator.builder()
              .seed(o.seed)
              .host(o.host)
              .basePort(o.basePort)
              .credentials(o.username, o.password)
              .enableSecret(o.enableSecret)
              .timeScale(o.timeScale)
              .commandLatency(Duration.ofNanos(Math.round(o.commandLatencyMs * 1_000_000)))
              .devices(fleet(o));
      if (o.hostKey != null) {
        b.hostKeyFile(o.hostKey);
      }
      Simulator sim = b.start();
      CountDownLatch stopped = new CountDownLatch(1);
      if (block) {
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      sim.close();
                      stopped.countDown();
                    },
                    "netpool-sim-shutdown"));
      }
      printTable(sim, o, out);
      if (o.inventoryOut != null) {
        Files.writeString(o.inventoryOut, inventoryYaml(sim, o), StandardCharsets.UTF_8);
        out.println("inventory written to " + o.inventoryOut);
      }
      if (!block) {
        sim.close();
        return 0;
      }
      out.println("running; Ctrl-C to stop");
      stopped.await();
      return 0;
    } catch (IOException | RuntimeException e) {
      err.println("netpool sim: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  static void printTable(Simulator sim, Options o, PrintStream out) {
    out.printf(
        "netpool-sim: %d devices on %s, seed %d, started in %d ms, host key %s%n",
        sim.devices().size(),
        sim.host(),
        sim.seed(),
        sim.startupTime().toMillis(),
        sim.hostKeyFingerprint());
    if (o.commandLatencyMs > 0) {
      out.printf(java.util.Locale.ROOT, "command latency: %.1f ms%n", o.commandLatencyMs);
    }
    for (int k = 1; k <= o.sla.size(); k++) {
      out.printf(
          "SLA operation %d: Cisco entry %s, Junos/Huawei/H3C %s: %s%n",
          k, slaKey(Platform.CISCO_IOS, k), slaKey(Platform.HUAWEI_VRP, k), o.sla.get(k - 1));
    }
    out.printf(
        "credentials: user %s, password %s%s%n",
        sim.username(),
        sim.password(),
        sim.enableSecret() != null ? ", enable secret " + sim.enableSecret() : "");
    out.printf(
        "%-10s %-14s %-22s %-8s %s%n", "ID", "PLATFORM", "ADDRESS", "PROMPT", "PING TARGETS");
    for (SimulatedDevice d : sim.devices()) {
      TargetBehaviour t = d.spec().defaultTarget();
      String ping =
          t.unreachable()
              ? "unreachable"
              : String.format(
                  java.util.Locale.ROOT,
                  "loss %.0f%%, %.0f-%.0f ms",
                  t.lossProbability() * 100,
                  t.latencyMinMs(),
                  t.latencyMaxMs());
      out.printf(
          "%-10s %-14s %-22s %-8s %s%n",
          d.id(), d.platform().id(), d.host() + ":" + d.port(), d.hostname(), ping);
    }
  }

  /** The inventory snippet: see README "Inventory file". */
  static String inventoryYaml(Simulator sim, Options o) {
    StringBuilder sb = new StringBuilder();
    sb.append("# netpool-sim inventory, ")
        .append(sim.devices().size())
        .append(" devices, seed ")
        .append(sim.seed())
        .append(", generated ")
        .append(Instant.now())
        .append('\n');
    sb.append("# host key fingerprint (shared by every device): ")
        .append(sim.hostKeyFingerprint())
        .append('\n');
    sb.append("# secrets: password ").append(o.passwordRef.describe());
    if (sim.enableSecret() != null) {
      sb.append(", enable_secret ").append(o.enableSecretRef.describe());
    }
    sb.append('\n');
    sb.append("devices:\n");
    for (SimulatedDevice d : sim.devices()) {
      sb.append("  - id: ").append(d.id()).append('\n');
      sb.append("    host: ").append(d.host()).append('\n');
      sb.append("    port: ").append(d.port()).append('\n');
      sb.append("    platform: ").append(d.platform().id()).append('\n');
      sb.append("    username: ").append(quote(sim.username())).append('\n');
      sb.append("    password: ").append(o.passwordRef.yaml(sim.password())).append('\n');
      if (sim.enableSecret() != null) {
        sb.append("    enable_secret: ")
            .append(o.enableSecretRef.yaml(sim.enableSecret()))
            .append('\n');
      }
      sb.append("    max_sessions: ").append(d.spec().vtyLines()).append('\n');
    }
    return sb.toString();
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
