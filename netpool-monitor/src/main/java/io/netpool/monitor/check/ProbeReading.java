package io.netpool.monitor.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What one probe type other than ping read in a check, in a form every sink carries without knowing
 * the type: named numbers with a unit ({@link #values}) and named texts ({@link #facts}). JSON, the
 * status page, Prometheus, Zabbix and the history derive their names from these, so a new probe
 * type needs no change in any sink (docs/monitor.md, "Probe readings").
 *
 * @param probe the probe type's name, for example {@code sla}
 * @param status {@code ok}, {@code degraded}, {@code down}, {@code stale} or {@code error}
 * @param failure why there is no fresh reading, or null
 * @param message what went wrong, or null
 * @param command the command sent, or null when none was
 * @param facts named texts (what the router printed: operation type, last run, return code), in
 *     order; names are lower camel case
 * @param values named numbers in order; names are lower snake case, without unit
 */
public record ProbeReading(
    String probe,
    String status,
    FailureKind failure,
    String message,
    String command,
    Map<String, String> facts,
    List<Value> values) {

  /** A number's unit, and how sinks name and scale it. */
  public enum Unit {
    /** Milliseconds; seconds in Prometheus and Zabbix. */
    MS("Ms", ".seconds", 0.001),
    /** Percent, everywhere (as the ping loss gauge). */
    PERCENT("Percent", ".percent", 1),
    /** A count of packets or probes. */
    COUNT("", "", 1),
    /** A score without unit (MOS, ICPIF). */
    SCORE("", "", 1);

    private final String jsonSuffix;
    private final String meterSuffix;
    private final double meterScale;

    Unit(String jsonSuffix, String meterSuffix, double meterScale) {
      this.jsonSuffix = jsonSuffix;
      this.meterSuffix = meterSuffix;
      this.meterScale = meterScale;
    }
  }

  /**
   * One number.
   *
   * @param name lower snake case, for example {@code jitter_sd}
   */
  public record Value(String name, Unit unit, double value) {
    public Value {
      if (!name.matches("[a-z][a-z0-9_]*")) {
        throw new IllegalArgumentException("not a lower snake case name: " + name);
      }
      Objects.requireNonNull(unit, "unit");
    }

    /** The JSON field: lower camel case plus the unit, for example {@code jitterSdMs}. */
    public String jsonName() {
      StringBuilder b = new StringBuilder();
      boolean upper = false;
      for (char c : name.toCharArray()) {
        if (c == '_') {
          upper = true;
        } else {
          b.append(upper ? Character.toUpperCase(c) : c);
          upper = false;
        }
      }
      return b + unit.jsonSuffix;
    }

    /**
     * The Micrometer gauge of a line, {@code netpool.line.<probe>.<name>[.seconds|.percent]} (in
     * Prometheus {@code netpool_line_sla_jitter_sd_seconds}).
     */
    public String meterName(String probe) {
      return "netpool.line." + probe + "." + name.replace('_', '.') + unit.meterSuffix;
    }

    /** The value in the gauge's unit (seconds for times). */
    public double meterValue() {
      return value * unit.meterScale;
    }

    /** The Zabbix item key: {@code netpool.<probe>.<name with dots>}, in seconds for times. */
    public String zabbixKey(String probe) {
      return "netpool." + probe + "." + name.replace('_', '.');
    }

    /** The value as Zabbix gets it: seconds for times, else as is. */
    public double zabbixValue() {
      return unit == Unit.MS ? value / 1000.0 : value;
    }
  }

  public ProbeReading {
    Objects.requireNonNull(probe, "probe");
    Objects.requireNonNull(status, "status");
    facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts == null ? Map.of() : facts));
    values = List.copyOf(values == null ? List.of() : values);
  }

  /** The number named {@code name}, or null. */
  public Double value(String name) {
    for (Value v : values) {
      if (v.name().equals(name)) {
        return v.value();
      }
    }
    return null;
  }

  /**
   * The status as a number for Prometheus and Zabbix, the codes of the ping status where the names
   * agree: 0 ok, 1 degraded, 2 down, 3 unreachable, 4 error, 6 stale.
   */
  public int statusCode() {
    return switch (status) {
      case "ok" -> 0;
      case "degraded" -> 1;
      case "down" -> 2;
      case "unreachable" -> 3;
      case "stale" -> 6;
      default -> 4;
    };
  }

  /** The failure's wire name, or null. */
  public String failureName() {
    return FailureKind.wireName(failure);
  }

  /** Builds a reading: facts and values in the order added, nulls left out. */
  public static Builder builder(String probe, String status) {
    return new Builder(probe, status);
  }

  /** Fills a {@link ProbeReading}. */
  public static final class Builder {
    private final String probe;
    private final String status;
    private FailureKind failure;
    private String message;
    private String command;
    private final Map<String, String> facts = new LinkedHashMap<>();
    private final List<Value> values = new ArrayList<>();

    private Builder(String probe, String status) {
      this.probe = probe;
      this.status = status.toLowerCase(Locale.ROOT);
    }

    public Builder failure(FailureKind kind, String why) {
      failure = kind;
      message = why;
      return this;
    }

    public Builder command(String sent) {
      command = sent;
      return this;
    }

    public Builder fact(String name, String text) {
      if (text != null) {
        facts.put(name, text);
      }
      return this;
    }

    public Builder value(String name, Unit unit, Number v) {
      if (v != null && Double.isFinite(v.doubleValue())) {
        values.add(new Value(name, unit, v.doubleValue()));
      }
      return this;
    }

    public ProbeReading build() {
      return new ProbeReading(probe, status, failure, message, command, facts, values);
    }
  }
}
