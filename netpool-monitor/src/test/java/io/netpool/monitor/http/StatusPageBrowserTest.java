package io.netpool.monitor.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpool.monitor.cluster.ClusterStatus;
import io.netpool.monitor.http.StatusPageCheck.RenderedPage;
import io.netpool.monitor.status.AaaGroupInfo;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The status page in headless Chromium: its script renders every line from api/status. */
class StatusPageBrowserTest {

  @Test
  void pageShowsEveryLineWithStatusAndSparkline() throws Exception {
    HeadlessChromium.findOrSkip();
    StatusFixture fixture = new StatusFixture();
    try (StatusServer server =
        StatusServer.start(StatusServer.Options.localhost(0), fixture.source(), null)) {
      RenderedPage page =
          StatusPageCheck.assertShowsLines(server.baseUri(), StatusFixture.LINE_IDS);

      StatusFixture.STATUSES.forEach(
          (id, status) -> assertThat(page.lines().get(id).status()).as(id).isEqualTo(status));
      assertThat(page.lines().keySet()).containsExactlyElementsOf(StatusFixture.LINE_IDS);
      assertThat(page.lines().get("l1").hasSparklinePath()).isTrue();
      assertThat(page.lines().get("l1").html()).contains("192.0.2.1");
      assertThat(page.lines().get("l2").html()).contains(">20<", "10.5 / 12.25 / 20");
      assertThat(page.lines().get("l4").html()).contains("router_unreachable");
      // l3's latest check ran over a Telnet fallback: marked, the reason in the tooltip
      assertThat(page.lines().get("l3").html())
          .contains("class=\"transport\"", "Telnet fallback: ssh: connection refused");
      assertThat(page.lines().get("l1").html()).doesNotContain("class=\"transport\"");
      assertThat(page.devices()).containsOnlyKeys("r1", "r2");
      assertThat(page.devices().get("r2")).contains("circuit-open", ">open<");
      assertThat(page.dom())
          .doesNotContain(StatusFixture.PASSWORD, StatusFixture.ENV_PASSWORD, StatusFixture.USER)
          .doesNotContain("cannot load status");
      // no aaa_groups: the section stays hidden
      assertThat(page.dom()).containsPattern("<section id=\"aaa-groups\" hidden");
    }
  }

  @Test
  void overviewShowsTheAaaGroupsBudgets() throws Exception {
    HeadlessChromium.findOrSkip();
    StatusFixture fixture = new StatusFixture();
    StatusSource withGroups =
        new ForwardingStatusSource(fixture.source()) {
          @Override
          public List<AaaGroupInfo> aaaGroups() {
            return List.of(
                new AaaGroupInfo("tacacs-bj", 2, 1.5, 2, 7, 40, 3),
                new AaaGroupInfo("radius-lab", 1, 0.5, 0, 0, 4, 0));
          }
        };
    try (StatusServer server =
        StatusServer.start(StatusServer.Options.localhost(0), withGroups, null)) {
      RenderedPage page =
          StatusPageCheck.assertShowsLines(server.baseUri(), StatusFixture.LINE_IDS);

      String dom = page.dom();
      assertThat(dom).doesNotContainPattern("<section id=\"aaa-groups\" hidden");
      Matcher bj = Pattern.compile("<tr data-group=\"tacacs-bj\"([^>]*)>(.*?)</tr>").matcher(dom);
      assertThat(bj.find()).as(dom).isTrue();
      assertThat(bj.group(1)).contains("group-waiting");
      assertThat(bj.group(2)).contains(">2 / 2<", ">7<", ">1.5<", ">40<", ">3<");
      assertThat(dom).contains("data-group=\"radius-lab\"");
      assertThat(dom.indexOf("tacacs-bj")).isLessThan(dom.indexOf("radius-lab"));
    }
  }

  @Test
  void overviewShowsTheClusterMembersAndTheLinesOfOtherNodes() throws Exception {
    HeadlessChromium.findOrSkip();
    StatusFixture fixture = new StatusFixture();
    java.util.Map<String, String> owners = new java.util.LinkedHashMap<>();
    StatusFixture.LINE_IDS.forEach(id -> owners.put(id, "n1"));
    owners.put("far-1", "n2");
    ClusterStatus cluster =
        new ClusterStatus(
            "lab",
            "n1",
            4,
            "n1",
            List.of(
                new ClusterStatus.Member("n1", "http://127.0.0.1:1/", 2, 4, "aaaa"),
                new ClusterStatus.Member("n2", "http://127.0.0.1:2/", 1, 1, "bbbb")),
            3,
            "aaaa",
            owners);
    StatusSource clustered =
        new ForwardingStatusSource(fixture.source()) {
          @Override
          public ClusterStatus cluster() {
            return cluster;
          }
        };
    try (StatusServer server =
        StatusServer.start(StatusServer.Options.localhost(0), clustered, null)) {
      RenderedPage page =
          StatusPageCheck.assertShowsLines(server.baseUri(), StatusFixture.LINE_IDS);

      String dom = page.dom();
      assertThat(dom).doesNotContainPattern("<section id=\"cluster\" hidden");
      Matcher n2 = Pattern.compile("<tr data-node=\"n2\">(.*?)</tr>").matcher(dom);
      assertThat(n2.find()).as(dom).isTrue();
      assertThat(n2.group(1)).contains("bbbb (differs)", "href=\"http://127.0.0.1:2/\"");
      assertThat(dom).containsPattern("<tr data-node=\"n1\">.*this node, coordinator");
      // two members of a quorum of three: not ready, and the differing inventory is named
      assertThat(dom).contains("NOT READY", "2 of the 3 members", "node n2 runs another inventory");
      Matcher far = Pattern.compile("<tr data-remote-line=\"far-1\">(.*?)</tr>").matcher(dom);
      assertThat(far.find()).as(dom).isTrue();
      assertThat(far.group(1)).contains("href=\"http://127.0.0.1:2/lines/far-1\"", ">n2<");
      assertThat(dom).doesNotContain("data-remote-line=\"l1\"");
    }
  }
}
