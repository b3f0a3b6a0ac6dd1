package io.netpool.monitor.sink.prometheus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A small reader of the Prometheus text format for assertions. */
final class ScrapeText {
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  record Sample(String name, Map<String, String> labels, double value) {}

  final String text;
  final List<Sample> samples = new ArrayList<>();

  ScrapeText(String text) {
    this.text = text;
    for (String line : text.lines().toList()) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      if (!m.matches()) {
        throw new AssertionError("not a sample line: " + line);
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(2) != null) {
        Matcher l = LABEL.matcher(m.group(2));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
      }
      samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
    }
  }

  /** The value of the one sample with this name and at least these labels. */
  OptionalDouble value(String name, String... labelPairs) {
    List<Sample> found = find(name, labelPairs);
    if (found.size() > 1) {
      throw new AssertionError(
          "several samples " + name + " " + List.of(labelPairs) + ": " + found);
    }
    return found.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(found.getFirst().value());
  }

  List<Sample> find(String name, String... labelPairs) {
    List<Sample> out = new ArrayList<>();
    outer:
    for (Sample s : samples) {
      if (!s.name().equals(name)) {
        continue;
      }
      for (int i = 0; i < labelPairs.length; i += 2) {
        if (!labelPairs[i + 1].equals(s.labels().get(labelPairs[i]))) {
          continue outer;
        }
      }
      out.add(s);
    }
    return out;
  }

  /** The HELP text of a metric family. */
  String help(String family) {
    for (String line : text.lines().toList()) {
      if (line.startsWith("# HELP " + family + " ")) {
        return line.substring(("# HELP " + family + " ").length());
      }
    }
    return null;
  }
}
