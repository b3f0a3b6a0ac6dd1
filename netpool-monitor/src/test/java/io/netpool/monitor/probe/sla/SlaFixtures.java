package io.netpool.monitor.probe.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Loads the published outputs beside the tests and checks parsers against every cut of them. */
final class SlaFixtures {
  private SlaFixtures() {}

  /** A fixture under {@code src/test/resources/io/netpool/monitor/probe/sla/}. */
  static String load(String path) {
    try (InputStream in = SlaFixtures.class.getResourceAsStream(path)) {
      assertThat(in).as("fixture %s", path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every fixture cut after every line (and mid-line, in the middle of each line) gives a result
   * with an outcome, and never an exception: a session can end anywhere.
   */
  static void assertEveryCutReadable(SlaParser parser, List<String> fixtures) {
    for (String path : fixtures) {
      String text = load(path);
      String[] lines = text.split("\n", -1);
      StringBuilder head = new StringBuilder();
      for (String line : lines) {
        assertCutReadable(parser, path, head + line.substring(0, line.length() / 2));
        head.append(line).append('\n');
        assertCutReadable(parser, path, head.toString());
      }
    }
  }

  private static void assertCutReadable(SlaParser parser, String path, String cut) {
    assertThatCode(
            () -> {
              SlaStats stats = parser.parse(cut);
              assertThat(stats).as("%s cut to %d chars", path, cut.length()).isNotNull();
              assertThat(stats.outcome()).isNotNull();
              if (stats.outcome() != SlaStats.Outcome.READ) {
                assertThat(stats.message()).isNotBlank();
              }
            })
        .as("%s cut to %d chars", path, cut.length())
        .doesNotThrowAnyException();
  }

  /** Outputs that hold no results of any platform: never READ, always with a reason. */
  static final List<String> GARBAGE =
      List.of(
          "% Invalid input detected at '^' marker.",
          "\u0000\u0001\u0002binary\uFFFF",
          "Owner:",
          "NQA entry(",
          "1 . Test 99999999999999999999 result",
          "Send operation times: 99999999999999999999");
}
