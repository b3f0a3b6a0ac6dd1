package io.netpool.monitor.probe.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Loads the SLA fixtures and checks the never-throw contract of a parser on mangled outputs. */
final class SlaFixtures {

  /** Every Cisco fixture, so each parser is also fed the other platform's outputs. */
  static final List<String> CISCO =
      List.of(
          "iosxe-icmp-echo-details.txt",
          "iosxe-http-timeout.txt",
          "iosxe-multi-http-timeout-first.txt",
          "iosxe-details-multi-mcast-first.txt",
          "iosxe-y1731-after-cut-entry.txt",
          "iosxe-udp-jitter-codec-placeholders.txt",
          "iosxe-udp-jitter-no-ntp-handmade.txt",
          "iosxe-not-scheduled-handmade.txt",
          "iosxe-not-configured-handmade.txt",
          "iosxr-icmp-echo-inactive.txt",
          "iosxr-icmp-echo-timeout.txt",
          "iosxr-udp-jitter-handmade.txt");

  private SlaFixtures() {}

  static String cisco(String name) {
    try (InputStream in = SlaFixtures.class.getResourceAsStream("cisco/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every prefix of the output ending at a line boundary, and each with its last line cut. */
  static List<String> truncations(String output) {
    List<String> cuts = new ArrayList<>();
    for (int i = 0; i < output.length(); i++) {
      if (output.charAt(i) == '\n') {
        cuts.add(output.substring(0, i + 1));
        cuts.add(output.substring(0, Math.max(0, i - 3)));
      }
    }
    cuts.add(output.substring(0, output.length() / 2));
    return cuts;
  }

  /** Seeded garbage: random characters, regex metacharacters, control bytes, long numbers. */
  static List<String> garbage() {
    Random random = new Random(15);
    String alphabet = "aZ09 :/.()*[]{}\\^$|?+%#\t\r\n\b\u001B-_=<>'\"\u00e9\u4e2d";
    List<String> out = new ArrayList<>();
    for (int n = 0; n < 200; n++) {
      StringBuilder b = new StringBuilder();
      int length = random.nextInt(400);
      for (int i = 0; i < length; i++) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      out.add(b.toString());
    }
    out.add("Latest operation return code: OK\nLatest RTT: 99999999999999999999 milliseconds");
    out.add("IPSLA operation id: 1\nNumber Of RTT: 99999999999 RTT Min/Avg/Max: 1/2/3");
    out.add("Entry number: 1\nLatest operation return code : OK\nNumOfRTT: 99999999999999");
    out.add("IPSLA operation id: 1\nLatest operation return code:\nType of operation:");
    out.add("Entry number: 1\n    Latest operation return code  :   \n");
    return out;
  }

  /** A result, never an exception; an outcome other than READ always says why. */
  static void assertAnswers(SlaParser parser, String output) {
    SlaStats r = parser.parse(output);
    assertThat(r).as("result for %s", output).isNotNull();
    assertThat(r.outcome()).isNotNull();
    if (r.outcome() != SlaStats.Outcome.READ) {
      assertThat(r.message()).as("message for %s", output).isNotBlank();
    }
  }

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

  /** None of {@link #GARBAGE} is read as results, and each says why. */
  static void assertGarbageNeverRead(SlaParser parser) {
    for (String garbage : GARBAGE) {
      SlaStats stats = parser.parse(garbage);
      assertThat(stats.outcome()).as(garbage).isNotEqualTo(SlaStats.Outcome.READ);
      assertThat(stats.message()).as(garbage).isNotBlank();
    }
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
