package io.netpool.monitor.cli;

import io.netpool.monitor.inventory.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A duration flag in the units of {@code monitor.yml} ({@code 30s}, {@code 2m}, {@code 1h30m}); a
 * bare number is seconds, as the flag took before units.
 */
final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    String v = value.strip();
    try {
      Duration d = v.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(v)) : Durations.parse(v);
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException("'" + value + "' must be more than zero");
      }
      return d;
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
