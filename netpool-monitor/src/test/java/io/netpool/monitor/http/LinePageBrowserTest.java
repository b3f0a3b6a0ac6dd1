package io.netpool.monitor.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The line page and the overview's filters in headless Chromium, over {@link LinePageFixture} (a
 * real history file with 30 days of l1, state changes, masked outputs).
 */
class LinePageBrowserTest {
  @TempDir static Path dir;
  private static LinePageFixture fixture;
  private static StatusServer server;

  @BeforeAll
  static void start() throws Exception {
    fixture = new LinePageFixture(dir);
    server = StatusServer.start(StatusServer.Options.localhost(0), fixture.source(), null);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (fixture != null) {
      fixture.close();
    }
  }

  private static String dom(String pathAndHash) throws Exception {
    String dom =
        HeadlessChromium.findOrSkip()
            .dumpDom(server.baseUri().resolve(pathAndHash), 5000, Duration.ofSeconds(90));
    assertThat(dom).as("the page's scripts ran: %s", dom).contains("data-loaded=\"true\"");
    return dom;
  }

  private static String svg(String dom, String cls) {
    Matcher m =
        Pattern.compile("<svg [^>]*class=\"" + cls + "\".*?</svg>", Pattern.DOTALL).matcher(dom);
    assertThat(m.find()).as("an svg of class %s in %s", cls, dom).isTrue();
    return m.group();
  }

  private static String attr(String element, String name) {
    Matcher m = Pattern.compile(" " + name + "=\"([^\"]*)\"").matcher(element);
    assertThat(m.find()).as("%s in %s", name, element).isTrue();
    return m.group(1);
  }

  private static List<String> all(String text, String regex) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile(regex).matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void threeHoursShowEveryCheckAsSmokeColouredByLoss() throws Exception {
    String dom = dom("/lines/l1");
    String smoke = svg(dom, "smoke");
    assertThat(attr(smoke, "data-range")).isEqualTo("3h");
    assertThat(attr(smoke, "data-resolution")).isEqualTo("raw");
    assertThat(Integer.parseInt(attr(smoke, "data-points"))).isBetween(175, 180);
    // min..max and the replies' p25..p75
    assertThat(attr(smoke, "data-bands")).isEqualTo("2");
    assertThat(all(smoke, "<path class=\"band band-(\\d)\"")).containsExactly("0", "1");
    // checks without loss are green, one lost probe in five (20 %) orange
    assertThat(all(smoke, "<path class=\"median (loss-[a-z0-9]+)\""))
        .contains("loss-0", "loss-mid");
    // every 97th check got no reply: a tick at the bottom
    assertThat(smoke).contains("<rect class=\"lost\"");
    // time of day labels for a short range
    assertThat(all(smoke, "class=\"x-label\">([^<]*)<"))
        .hasSize(6)
        .allMatch(s -> s.matches("\\d\\d:\\d\\d"));

    String loss = svg(dom, "loss");
    assertThat(Integer.parseInt(attr(loss, "data-bars"))).isPositive();
    assertThat(all(loss, "class=\"loss-bar (loss-[a-z0-9]+)\"")).contains("loss-mid", "loss-all");
  }

  @Test
  void sevenDaysShowFiveMinuteRollupsWithPercentileBands() throws Exception {
    String dom = dom("/lines/l1#range=7d");
    String smoke = svg(dom, "smoke");
    assertThat(attr(smoke, "data-range")).isEqualTo("7d");
    assertThat(attr(smoke, "data-resolution")).isEqualTo("5m");
    assertThat(Integer.parseInt(attr(smoke, "data-points"))).isBetween(7 * 288 - 3, 7 * 288 + 1);
    // min..max, p10..p90, p20..p80
    assertThat(attr(smoke, "data-bands")).isEqualTo("3");
    // the daily lossy hour averages 10 % in its buckets: yellow-orange; 20 % buckets orange
    assertThat(all(smoke, "<path class=\"median (loss-[a-z0-9]+)\""))
        .contains("loss-0", "loss-low", "loss-mid");
    // dates on the axis of a long range
    assertThat(all(smoke, "class=\"x-label\">([^<]*)<"))
        .hasSize(6)
        .allMatch(s -> s.matches("\\d\\d-\\d\\d \\d\\d:\\d\\d"));
    Duration span =
        Duration.between(
            java.time.Instant.parse(attr(smoke, "data-from")),
            java.time.Instant.parse(attr(smoke, "data-to")));
    assertThat(span).isEqualTo(Duration.ofDays(7));
    assertThat(dom).contains("<a href=\"#range=7d\" data-range=\"7d\" class=\"active\">");
  }

  @Test
  void thirtyDaysAsksForThirtyDays() throws Exception {
    String smoke = svg(dom("/lines/l1#range=30d"), "smoke");
    assertThat(attr(smoke, "data-range")).isEqualTo("30d");
    Duration span =
        Duration.between(
            java.time.Instant.parse(attr(smoke, "data-from")),
            java.time.Instant.parse(attr(smoke, "data-to")));
    assertThat(span).isEqualTo(Duration.ofDays(30));
    assertThat(Integer.parseInt(attr(smoke, "data-points"))).isGreaterThan(29 * 288);
  }

  @Test
  void timelineShowsTheLinesAndItsRoutersChangesNewestFirst() throws Exception {
    String dom = dom("/lines/l1");
    List<String> seqs = all(dom, "<li data-seq=\"(\\d+)\"");
    assertThat(seqs).containsExactly("5", "4", "3", "2", "1");
    assertThat(dom)
        .contains("up → degraded: 20.00% loss")
        .contains("router r1 failed: auth_failed (2 lines)")
        .contains("degraded → unknown: router r1: auth_failed")
        .contains("router r1 usable again")
        .doesNotContain("100.00% loss")
        .contains("Kept in memory");
  }

  @Test
  void outputsShowTimeCommandStatusAndTheMaskedText() throws Exception {
    String dom = dom("/lines/l1");
    List<String> outputs = all(dom, "(?s)<div class=\"output\">(.*?)</div>");
    assertThat(outputs).hasSize(2);
    assertThat(outputs.get(0)).contains("unparseable_output", "%Unexpected reply ******");
    assertThat(outputs.get(1))
        .contains(
            "<code>" + LinePageFixture.COMMAND + "</code>",
            " · ok",
            "<pre>",
            "round-trip min/avg/max = 8/10/14 ms",
            "enable secret ******");
  }

  @Test
  void overviewFiltersFromTheUrlAndLinksEveryLine() throws Exception {
    assertThat(rows(dom("/#status=down"))).containsExactly("l3");
    assertThat(rows(dom("/#router=r1"))).containsExactly("l1", "l2");
    assertThat(rows(dom("/#tag=customer%3Dacme"))).containsExactly("l1", "l3");
    assertThat(rows(dom("/#tag=site"))).containsExactly("l1", "l2", "l3", "l4");
    assertThat(rows(dom("/#loss=50"))).containsExactly("l3");
    assertThat(rows(dom("/#status=problem&sort=status"))).containsExactly("l3", "l4", "l2", "l5");
    assertThat(rows(dom("/#sort=loss"))).containsExactly("l3", "l2", "l1", "l4", "l5");
    String all = dom("/");
    for (String id : StatusFixture.LINE_IDS) {
      assertThat(all).contains("<a href=\"lines/" + id + "\">" + id + "</a>");
    }
    assertThat(dom("/#router=r2&sort=line")).contains("3 of 5 lines shown");
  }

  private static List<String> rows(String dom) {
    return all(dom, "<tr data-line=\"([^\"]*)\"");
  }

  @Test
  void neitherPageShowsASecret() throws Exception {
    for (String page : List.of("/", "/lines/l1", "/lines/l1#range=30d", "/lines/l3")) {
      assertThat(dom(page))
          .as(page)
          .doesNotContain(
              StatusFixture.PASSWORD,
              StatusFixture.ENV_PASSWORD,
              StatusFixture.ENABLE,
              StatusFixture.USER,
              "R1_ENABLE",
              "R2_PASS",
              "id_ed25519",
              "10.9.8.7");
    }
  }

  @Test
  void aLineWithoutHistorySaysSo() throws Exception {
    String dom = dom("/lines/l5");
    assertThat(dom).contains("data-points=\"0\"", "no output kept yet", "no state change since");
  }

  @Test
  void theRoutersOwnSlaReadingStandsBesidePingOnBothPages() throws Exception {
    String overview = dom("/");
    Matcher cell =
        Pattern.compile("<tr [^>]*data-line=\"l2\".*?</tr>", Pattern.DOTALL).matcher(overview);
    assertThat(cell.find()).isTrue();
    assertThat(cell.group())
        .contains("data-sla-status=\"ok\"")
        .contains("ok · 0 % · 11.5 ms · jitter 0.75 / 1.5 ms");
    String page = dom("/lines/l2");
    assertThat(page).contains("Probes: ping, sla.").contains("data-probe=\"sla\"");
    Matcher table =
        Pattern.compile("<table id=\"latest\">.*?</table>", Pattern.DOTALL).matcher(page);
    assertThat(table.find()).isTrue();
    String latest = table.group();
    // loss: ping's 20 % (degraded) beside the router's 0 %
    assertThat(latest)
        .containsPattern("data-field=\"lossPercent\"><th>Loss</th><td>20[.0]* %</td><td>0 %</td>");
    assertThat(latest)
        .contains(
            "<tr data-field=\"jitterSdMs\"><th>Jitter source → destination</th><td>-</td><td>0.75 ms</td>")
        .contains(
            "<tr data-field=\"owdDsMs\"><th>One-way delay destination → source</th><td>-</td><td>6 ms</td>")
        .contains("<td>4.34</td>")
        .contains("udp-jitter");
    assertThat(dom("/lines/l1")).contains("Probes: ping.").doesNotContain("data-probe=\"sla\"");
  }
}
