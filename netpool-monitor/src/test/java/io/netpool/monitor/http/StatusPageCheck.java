package io.netpool.monitor.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads the status page in headless Chromium and checks what it shows after its script ran.
 * Reusable against any running monitor (a test server or {@code ./netpool demo}): give it the base
 * URL and the line ids to expect.
 */
public final class StatusPageCheck {

  private static final Pattern ROW =
      Pattern.compile(
          "<tr data-line=\"([^\"]*)\" data-status=\"([^\"]*)\">(.*?)</tr>", Pattern.DOTALL);
  private static final Pattern DEVICE_ROW =
      Pattern.compile("<tr data-device=\"([^\"]*)\">(.*?)</tr>", Pattern.DOTALL);

  /**
   * One rendered line row.
   *
   * @param id the line id ({@code data-line})
   * @param status the status the row shows ({@code data-status})
   * @param html the row's inner HTML
   */
  public record LineRow(String id, String status, String html) {
    /** Whether the row has the sparkline SVG element. */
    public boolean hasSparkline() {
      return html.contains("<svg class=\"spark\"");
    }

    /** Whether the sparkline has a drawn RTT line (needs at least one reply in the history). */
    public boolean hasSparklinePath() {
      return hasSparkline() && html.contains("<polyline");
    }

    /** Whether the row shows its status as a coloured badge with the status text. */
    public boolean hasStatusBadge() {
      return html.contains("<span class=\"status status-" + status + "\">" + status + "</span>");
    }
  }

  /**
   * The page as rendered.
   *
   * @param dom the DOM after the scripts ran
   * @param lines the line rows by id, in page order
   * @param devices the device rows' inner HTML by device id
   */
  public record RenderedPage(String dom, Map<String, LineRow> lines, Map<String, String> devices) {
    /** Whether the script loaded api/status and rendered it. */
    public boolean loaded() {
      return dom.contains("data-loaded=\"true\"");
    }
  }

  private StatusPageCheck() {}

  /** Renders {@code baseUrl} (the page at its root) in the browser. */
  public static RenderedPage render(HeadlessChromium browser, URI baseUrl)
      throws IOException, InterruptedException {
    String dom = browser.dumpDom(baseUrl.resolve("/"), 5000, Duration.ofSeconds(90));
    Map<String, LineRow> lines = new LinkedHashMap<>();
    Matcher m = ROW.matcher(dom);
    while (m.find()) {
      lines.put(m.group(1), new LineRow(m.group(1), m.group(2), m.group(3)));
    }
    Map<String, String> devices = new LinkedHashMap<>();
    Matcher d = DEVICE_ROW.matcher(dom);
    while (d.find()) {
      devices.put(d.group(1), d.group(2));
    }
    return new RenderedPage(dom, lines, devices);
  }

  /**
   * Asserts that the page at {@code baseUrl} shows every expected line with a status badge and a
   * sparkline, and returns it for further checks. Skips (JUnit assumption) when Chromium is not
   * installed.
   */
  public static RenderedPage assertShowsLines(URI baseUrl, Collection<String> expectedLineIds)
      throws IOException, InterruptedException {
    RenderedPage page = render(HeadlessChromium.findOrSkip(), baseUrl);
    assertThat(page.loaded())
        .as("the page's script loaded api/status; DOM:%n%s", page.dom())
        .isTrue();
    assertThat(page.lines().keySet()).as("line rows").containsAll(expectedLineIds);
    for (String id : expectedLineIds) {
      LineRow row = page.lines().get(id);
      assertThat(row.status())
          .as("status of %s", id)
          .isIn("ok", "degraded", "down", "unreachable", "error", "pending");
      assertThat(row.hasStatusBadge()).as("status badge of %s: %s", id, row.html()).isTrue();
      assertThat(row.html())
          .as("row of %s shows its id, linked to its page", id)
          .contains("<a href=\"lines/" + id + "\">" + id + "</a></td>");
      assertThat(row.hasSparkline()).as("sparkline of %s: %s", id, row.html()).isTrue();
    }
    return page;
  }
}
