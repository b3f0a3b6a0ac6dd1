package io.netpool.monitor.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netpool.monitor.sink.prometheus.MetricsRegistry;
import io.netpool.monitor.sink.prometheus.ProbeMetrics;
import io.netpool.monitor.status.TestResults;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class StatusServerTest {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final String TOKEN = "t0ken-Very-Secret-123";

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final StatusFixture fixture = new StatusFixture();
  private final MetricsRegistry metrics = new MetricsRegistry();
  private final List<StatusServer> servers = new ArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(StatusServer::close);
    metrics.close();
    http.close();
  }

  private StatusServer start(StatusServer.Options options) throws Exception {
    StatusServer s = StatusServer.start(options, fixture.source(), metrics);
    servers.add(s);
    return s;
  }

  private HttpResponse<String> get(StatusServer s, String path, String... headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(s.baseUri().resolve(path)).timeout(Duration.ofSeconds(10));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void bindsToLoopbackByDefault() throws Exception {
    StatusServer s = start(StatusServer.Options.localhost(0));
    assertThat(s.address().getAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
    assertThat(s.port()).isPositive();
    assertThat(s.baseUri().toString()).isEqualTo("http://127.0.0.1:" + s.port() + "/");
    assertThat(new StatusServer.Options(null, 0, null).host()).isEqualTo("127.0.0.1");
    assertThat(new StatusServer.Options("", 0, "").bearerToken()).isNull();
  }

  @Test
  void health() throws Exception {
    StatusServer s = start(StatusServer.Options.localhost(0));
    HttpResponse<String> r = get(s, "/health");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    JsonNode n = MAPPER.readTree(r.body());
    assertThat(n.get("status").asText()).isEqualTo("ok");
    assertThat(n.get("uptimeSeconds").isIntegralNumber()).isTrue();
    assertThat(n.get("lines").asInt()).isEqualTo(5);
  }

  @Test
  void metricsInPrometheusTextFormat() throws Exception {
    ProbeMetrics probe = ProbeMetrics.register(metrics);
    probe.accept(TestResults.degraded("l2", "r1", "192.0.2.2"));
    StatusServer s = start(StatusServer.Options.localhost(0));
    HttpResponse<String> r = get(s, "/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(r.body())
        .contains("# TYPE netpool_line_loss_percent gauge")
        .contains("netpool_line_loss_percent{line=\"l2\",router=\"r1\"} 20.0");
  }

  @Test
  void metricsWithoutRegistryIs404() throws Exception {
    StatusServer s = StatusServer.start(StatusServer.Options.localhost(0), fixture.source(), null);
    servers.add(s);
    assertThat(get(s, "/metrics").statusCode()).isEqualTo(404);
  }

  @Test
  void apiStatusShowsLinesAndDevices() throws Exception {
    StatusServer s = start(StatusServer.Options.localhost(0));
    HttpResponse<String> r = get(s, "/api/status");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonNode n = MAPPER.readTree(r.body());

    JsonNode lines = n.get("lines");
    assertThat(lines).hasSize(5);
    List<String> ids = new ArrayList<>();
    lines.forEach(l -> ids.add(l.get("id").asText()));
    assertThat(ids).containsExactlyElementsOf(StatusFixture.LINE_IDS);
    lines.forEach(
        l ->
            assertThat(l.get("status").asText())
                .isEqualTo(StatusFixture.STATUSES.get(l.get("id").asText())));

    JsonNode l1 = lines.get(0);
    assertThat(l1.get("router").asText()).isEqualTo("r1");
    assertThat(l1.get("target").asText()).isEqualTo("192.0.2.1");
    assertThat(l1.get("rttAvgMs").decimalValue()).isEqualByComparingTo("1.9");
    assertThat(l1.get("lastCheck").asText())
        .isEqualTo(TestResults.T0.plusSeconds(9 * 60 + 2).toString());
    assertThat(l1.get("checks").asInt()).isEqualTo(10);
    assertThat(l1.get("history")).hasSize(10);
    assertThat(l1.get("history").get(0).get("rttAvgMs").decimalValue()).isEqualByComparingTo("1.0");
    assertThat(l1.get("history").get(9).get("status").asText()).isEqualTo("ok");

    assertThat(r.body()).contains("\"lossPercent\":20.00");
    JsonNode l3 = lines.get(2);
    assertThat(l3.get("rttAvgMs").isNull()).isTrue();
    // the distribution fields are there, next to min/avg/max, null without replies or pending
    for (JsonNode l : List.of(l1, l3, lines.get(4))) {
      for (String f : List.of("rttMedianMs", "rttStddevMs", "jitterMs", "rttsMs", "duplicates")) {
        assertThat(l.has(f)).as(f).isTrue();
        assertThat(l.get(f).isNull()).as(f).isTrue();
      }
    }
    assertThat(l1.get("transport").isNull()).isTrue();
    assertThat(l1.get("fallbackReason").isNull()).isTrue();
    assertThat(l3.get("transport").asText()).isEqualTo("telnet");
    assertThat(l3.get("fallbackReason").asText()).isEqualTo("ssh: connection refused");
    JsonNode l4 = lines.get(3);
    assertThat(l4.get("failure").asText()).isEqualTo("router_unreachable");
    assertThat(l4.get("error").asText()).isEqualTo("connect to router timed out");
    JsonNode l5 = lines.get(4);
    assertThat(l5.get("lastCheck").isNull()).isTrue();
    assertThat(l5.get("history")).isEmpty();

    assertThat(n.get("aaaGroups").isArray()).isTrue();
    assertThat(n.get("aaaGroups")).isEmpty(); // the fixture's file has no aaa_groups:

    JsonNode devices = n.get("devices");
    assertThat(devices).hasSize(2);
    JsonNode r1 = devices.get(0);
    assertThat(r1.get("id").asText()).isEqualTo("r1");
    assertThat(r1.get("platform").asText()).isEqualTo("cisco_iosxe");
    assertThat(r1.get("protocol").asText()).isEqualTo("ssh");
    assertThat(r1.get("lines").asInt()).isEqualTo(2);
    assertThat(r1.get("pool").get("sessions").asInt()).isEqualTo(2);
    assertThat(r1.get("pool").get("idle").asInt()).isEqualTo(1);
    assertThat(r1.get("pool").get("inUse").asInt()).isEqualTo(1);
    assertThat(r1.get("pool").get("circuit").asText()).isEqualTo("closed");
    JsonNode r2 = devices.get(1);
    assertThat(r2.get("pool").get("creating").asInt()).isEqualTo(1);
    assertThat(r2.get("pool").get("pending").asInt()).isEqualTo(2);
    assertThat(r2.get("pool").get("circuit").asText()).isEqualTo("open");
    assertThat(n.get("pool").get("sessions").asInt()).isEqualTo(3);
    assertThat(n.get("pool").get("maxSessions").asInt()).isEqualTo(16);
  }

  @Test
  void credentialsNeverAppear() throws Exception {
    StatusServer s = start(StatusServer.Options.localhost(0));
    for (String path : List.of("/api/status", "/health", "/", "/status.js", "/metrics")) {
      String body = get(s, path).body();
      assertThat(body)
          .as(path)
          .doesNotContain(StatusFixture.PASSWORD)
          .doesNotContain(StatusFixture.ENV_PASSWORD)
          .doesNotContain(StatusFixture.ENABLE)
          .doesNotContain(StatusFixture.USER)
          .doesNotContain("R1_ENABLE", "R2_PASS", "id_ed25519", "literal");
    }
    assertThat(get(s, "/api/status").body()).doesNotContain("auth failed");
  }

  @Test
  void tokenRequiredEverywhereButHealth() throws Exception {
    StatusServer s = start(StatusServer.Options.localhost(0).withToken(TOKEN));
    for (String path :
        List.of("/", "/index.html", "/status.js", "/api/status", "/metrics", "/nope")) {
      HttpResponse<String> r = get(s, path);
      assertThat(r.statusCode()).as(path).isEqualTo(401);
      assertThat(r.headers().firstValue("WWW-Authenticate"))
          .as(path)
          .hasValue("Bearer realm=\"netpool\"");
      assertThat(get(s, path, "Authorization", "Bearer wrong").statusCode())
          .as(path)
          .isEqualTo(401);
      assertThat(get(s, path, "Authorization", "Basic " + TOKEN).statusCode())
          .as(path)
          .isEqualTo(401);
      assertThat(get(s, path, "Authorization", "Bearer " + TOKEN + "x").statusCode())
          .as(path)
          .isEqualTo(401);
    }
    assertThat(get(s, "/health").statusCode()).isEqualTo(200);
    for (String path : List.of("/", "/status.js", "/api/status", "/metrics")) {
      assertThat(get(s, path, "Authorization", "Bearer " + TOKEN).statusCode())
          .as(path)
          .isEqualTo(200);
    }
    assertThat(get(s, "/api/status", "Authorization", "bearer " + TOKEN).statusCode())
        .isEqualTo(200);
    assertThat(get(s, "/nope", "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(404);
  }

  @Test
  void theTokenIsNeverLogged() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(StatusServer.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      StatusServer.Options options = StatusServer.Options.localhost(0).withToken(TOKEN);
      assertThat(options.toString()).doesNotContain(TOKEN);
      StatusServer s = start(options);
      get(s, "/api/status");
      get(s, "/api/status", "Authorization", "Bearer " + TOKEN);
    } finally {
      logger.detachAppender(appender);
    }
    assertThat(appender.list).isNotEmpty();
    assertThat(appender.list)
        .allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(TOKEN));
  }

  @Test
  void pageAndAssets() throws Exception {
    StatusServer s = start(StatusServer.Options.localhost(0));
    HttpResponse<String> page = get(s, "/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .get()
        .asString()
        .contains("default-src 'none'");
    assertThat(page.body())
        .contains("<table id=\"lines\">", "status.js")
        .doesNotContain("http://", "https://");
    HttpResponse<String> js = get(s, "/status.js");
    assertThat(js.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
    assertThat(js.body()).contains("api/status").doesNotContain("https://");
    assertThat(get(s, "/status.css").headers().firstValue("Content-Type"))
        .hasValue("text/css; charset=utf-8");
    assertThat(get(s, "/missing").statusCode()).isEqualTo(404);
  }

  @Test
  void linePageIsServedWithTheCspForKnownLinesOnly() throws Exception {
    StatusServer s = start(StatusServer.Options.localhost(0));
    HttpResponse<String> page = get(s, "/lines/l3");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .get()
        .asString()
        .contains("default-src 'none'", "script-src 'self'");
    assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    // scripts in files only, nothing from elsewhere
    assertThat(page.body())
        .contains("<script src=\"../smoke.js\"></script>", "<script src=\"../line.js\"></script>")
        .doesNotContain("<script>", "onclick", "http://", "https://");
    for (String js : List.of("/line.js", "/smoke.js")) {
      HttpResponse<String> r = get(s, js);
      assertThat(r.statusCode()).as(js).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
      assertThat(r.body()).doesNotContain("https://", "eval(", "innerHTML");
    }
    assertThat(get(s, "/lines/nope").statusCode()).isEqualTo(404);
    assertThat(get(s, "/lines/").statusCode()).isEqualTo(404);
    assertThat(get(s, "/lines/l3/extra").statusCode()).isEqualTo(404);
  }

  @Test
  void statusListsEachLinesTags() throws Exception {
    StatusServer s = start(StatusServer.Options.localhost(0));
    JsonNode lines = new ObjectMapper().readTree(get(s, "/api/status").body()).get("lines");
    assertThat(lines.get(0).get("tags").toString())
        .isEqualTo("{\"customer\":\"acme\",\"site\":\"lab\"}");
    assertThat(lines.get(4).get("tags").toString()).isEqualTo("{}");
  }

  @Test
  void onlyGetAndHead() throws Exception {
    StatusServer s = start(StatusServer.Options.localhost(0));
    HttpResponse<String> post =
        http.send(
            HttpRequest.newBuilder(s.baseUri().resolve("/api/status"))
                .POST(HttpRequest.BodyPublishers.ofString("x"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    HttpResponse<String> head =
        http.send(
            HttpRequest.newBuilder(s.baseUri().resolve("/api/status"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
  }

  @Test
  void showsAReloadedInventoryAtOnce() throws Exception {
    java.util.concurrent.atomic.AtomicReference<List<io.netpool.monitor.status.LineInfo>> lines =
        new java.util.concurrent.atomic.AtomicReference<>(
            List.of(new io.netpool.monitor.status.LineInfo("a", "r1", "192.0.2.1")));
    StatusServer s =
        StatusServer.start(
            StatusServer.Options.localhost(0),
            StatusSource.of(lines::get, null, fixture.store, null),
            null);
    servers.add(s);
    JsonNode n = MAPPER.readTree(get(s, "/api/status").body());
    assertThat(n.get("lines")).hasSize(1);
    assertThat(n.get("devices").get(0).get("id").asText()).isEqualTo("r1");
    assertThat(n.get("devices").get(0).get("pool").isNull()).isTrue();
    assertThat(n.get("pool").isNull()).isTrue();
    lines.set(
        List.of(
            new io.netpool.monitor.status.LineInfo("a", "r1", "192.0.2.1"),
            new io.netpool.monitor.status.LineInfo("b", "r2", "192.0.2.2")));
    n = MAPPER.readTree(get(s, "/api/status").body());
    assertThat(n.get("lines")).hasSize(2);
    assertThat(n.get("devices")).hasSize(2);
  }

  @Test
  void baseUriOfAnIpv6Bind() throws Exception {
    StatusServer s;
    try {
      s = start(new StatusServer.Options("::1", 0, null));
    } catch (java.net.SocketException e) {
      org.junit.jupiter.api.Assumptions.abort("no IPv6 loopback here: " + e);
      return;
    }
    assertThat(s.baseUri().toString()).startsWith("http://[");
    assertThat(get(s, "/health").statusCode()).isEqualTo(200);
  }

  static URI uri(StatusServer s) {
    return s.baseUri();
  }
}
