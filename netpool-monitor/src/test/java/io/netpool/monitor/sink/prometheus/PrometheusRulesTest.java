package io.netpool.monitor.sink.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code prometheus/netpool-alerts.yml} is valid for Prometheus ({@code promtool check rules}) and
 * its unit tests pass ({@code promtool test rules prometheus/netpool-alerts.test.yml}), run with
 * the real promtool (Debian package prometheus, installed by bin/install-test-deps; skipped without
 * it). Whether the rules' metric names exist in a real scrape is {@link MetricsConventionsTest}'s.
 */
class PrometheusRulesTest {
  static final Path RULES = Path.of("../prometheus/netpool-alerts.yml");
  static final Path TESTS = Path.of("../prometheus/netpool-alerts.test.yml");
  private static final List<String> CANDIDATES = List.of("/usr/bin/promtool", "/bin/promtool");

  @TempDir Path tmp;

  record Run(int exit, String output) {}

  static Path promtoolOrSkip() {
    List<String> places = new ArrayList<>();
    String env = System.getenv("NETPOOL_PROMTOOL");
    if (env != null && !env.isBlank()) {
      places.add(env);
    }
    places.addAll(CANDIDATES);
    String path = System.getenv("PATH");
    if (path != null) {
      Stream.of(path.split(":"))
          .filter(d -> !d.isBlank())
          .forEach(d -> places.add(Path.of(d, "promtool").toString()));
    }
    Path found = places.stream().map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
    Assumptions.assumeTrue(
        found != null,
        "promtool test skipped: promtool is not installed (looked for "
            + CANDIDATES
            + ", $PATH and $NETPOOL_PROMTOOL); install the Debian package prometheus, e.g. with"
            + " bin/install-test-deps as root");
    return found;
  }

  static Run promtool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(promtoolOrSkip().toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    // read before waiting: a full pipe would block promtool
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("promtool " + List.of(args) + " did not finish:\n" + out);
    }
    return new Run(p.exitValue(), out);
  }

  private static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void promtoolCheckRulesAcceptsEveryRule() throws Exception {
    Run run = promtool("check", "rules", RULES.toString());
    assertThat(run.exit()).as(run.output()).isZero();
    String rules = Files.readString(RULES);
    int alerts = count(rules, "^\\s*- alert: ");
    int records = count(rules, "^\\s*- record: ");
    assertThat(alerts).isGreaterThanOrEqualTo(10);
    assertThat(run.output()).contains("SUCCESS: " + (alerts + records) + " rules found");
  }

  @Test
  void promtoolTestRulesPassesAndCoversEveryAlert() throws Exception {
    Run run = promtool("test", "rules", TESTS.toString());
    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).contains("SUCCESS");

    // every alert is expected to fire somewhere, and to be silent somewhere (exp_alerts: [])
    String rules = Files.readString(RULES);
    String tests = Files.readString(TESTS);
    Matcher alert = Pattern.compile("^\\s*- alert: (\\S+)", Pattern.MULTILINE).matcher(rules);
    while (alert.find()) {
      String name = alert.group(1);
      assertThat(count(tests, "alertname: " + name + "\\n\\s*exp_alerts:\\n\\s*- exp_labels: "))
          .as("a test where %s fires", name)
          .isPositive();
      assertThat(count(tests, "alertname: " + name + "\\n\\s*exp_alerts: \\[\\]"))
          .as("a test where %s stays silent", name)
          .isPositive();
    }
  }

  /** The unit tests have teeth: a rule that also fires for unreachable lines fails them. */
  @Test
  void aWrongRuleFailsTheUnitTests() throws Exception {
    String rules = Files.readString(RULES);
    String wrong =
        rules.replace("expr: netpool_line_status == 2", "expr: netpool_line_status >= 2");
    assertThat(wrong).isNotEqualTo(rules);
    Files.writeString(tmp.resolve("netpool-alerts.yml"), wrong);
    Files.copy(TESTS, tmp.resolve("netpool-alerts.test.yml"));
    Run run = promtool("test", "rules", tmp.resolve("netpool-alerts.test.yml").toString());
    assertThat(run.exit()).as(run.output()).isNotZero();
    assertThat(run.output()).contains("FAILED").contains("alertname: NetpoolLineDown");
  }
}
