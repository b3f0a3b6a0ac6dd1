package io.netpool.monitor.zabbix.discovery;

import static io.netpool.monitor.zabbix.discovery.JsonRpcServer.error;
import static io.netpool.monitor.zabbix.discovery.JsonRpcServer.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.netpool.monitor.zabbix.discovery.JsonRpcServer.Raw;
import io.netpool.monitor.zabbix.discovery.JsonRpcServer.Request;
import io.netpool.monitor.zabbix.discovery.ZabbixApiException.Kind;
import io.netpool.pool.Secret;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ZabbixApiClientTest {
  static final String TOKEN = "tok-0123456789abcdef-SECRET";
  static final String PASSWORD = "pw-Very-Secret-42";
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  JsonRpcServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** A server of this version that answers host.get with one host, and logs in with a session. */
  static Function<Request, Object> zabbix(String version) {
    AtomicInteger sessions = new AtomicInteger();
    return r ->
        switch (r.method()) {
          case "apiinfo.version" -> result(r, version);
          case "user.login" -> result(r, "session-" + sessions.incrementAndGet());
          case "user.logout" -> result(r, true);
          default -> result(r, List.of(Map.of("hostid", "1")));
        };
  }

  ZabbixApiClient client(ZabbixApiClient.Credentials credentials) {
    return new ZabbixApiClient(server.url(), credentials, TIMEOUT);
  }

  static ZabbixApiClient.Token token() {
    return new ZabbixApiClient.Token(Secret.of(TOKEN));
  }

  static ZabbixApiClient.Login login() {
    return new ZabbixApiClient.Login("netpool", Secret.of(PASSWORD));
  }

  @Test
  void zabbix60TakesTheTokenInTheAuthField() throws Exception {
    server = new JsonRpcServer(zabbix("6.0.14"));
    try (ZabbixApiClient c = client(token())) {
      JsonNode hosts = c.call("host.get", Map.of("output", List.of("hostid")));
      assertThat(hosts.get(0).get("hostid").asText()).isEqualTo("1");
      assertThat(c.version()).isEqualTo(new ZabbixVersion(6, 0, 14, ""));
    }
    Request version = server.requests("apiinfo.version").getFirst();
    assertThat(version.authField()).isNull();
    assertThat(version.authorization()).isNull();
    Request get = server.requests("host.get").getFirst();
    assertThat(get.authField()).isEqualTo(TOKEN);
    assertThat(get.authorization()).isNull();
    assertThat(get.body().get("jsonrpc").asText()).isEqualTo("2.0");
    assertThat(get.params().get("output").get(0).asText()).isEqualTo("hostid");
  }

  @Test
  void zabbix64AndLaterTakeABearerHeaderAndNoAuthField() throws Exception {
    for (String v : List.of("6.4.0", "7.0.0", "7.2.0rc1")) {
      server = new JsonRpcServer(zabbix(v));
      try (ZabbixApiClient c = client(token())) {
        c.call("host.get", Map.of());
      }
      Request get = server.requests("host.get").getFirst();
      assertThat(get.authorization()).as(v).isEqualTo("Bearer " + TOKEN);
      assertThat(get.authField()).as(v).isNull();
      assertThat(server.requests("apiinfo.version").getFirst().authorization()).isNull();
      server.close();
    }
    server = null;
  }

  @Test
  void loginUsesUsernameAndTheSessionGoesWhereTheVersionWantsIt() throws Exception {
    server = new JsonRpcServer(zabbix("6.2.9"));
    try (ZabbixApiClient c = client(login())) {
      c.call("host.get", Map.of());
      c.call("host.get", Map.of());
    }
    List<Request> logins = server.requests("user.login");
    assertThat(logins).hasSize(1);
    assertThat(logins.getFirst().params().get("username").asText()).isEqualTo("netpool");
    assertThat(logins.getFirst().params().has("user")).isFalse();
    assertThat(logins.getFirst().authField()).isNull();
    assertThat(server.requests("host.get"))
        .allSatisfy(r -> assertThat(r.authField()).isEqualTo("session-1"));
    // close() logs the session out
    assertThat(server.requests("user.logout"))
        .singleElement()
        .satisfies(r -> assertThat(r.authField()).isEqualTo("session-1"));

    server.close();
    server = new JsonRpcServer(zabbix("7.0.3"));
    try (ZabbixApiClient c = client(login())) {
      c.call("host.get", Map.of());
    }
    assertThat(server.requests("host.get").getFirst().authorization())
        .isEqualTo("Bearer session-1");
  }

  @Test
  void versionsBefore60AreRefused() throws Exception {
    server = new JsonRpcServer(zabbix("5.4.9"));
    try (ZabbixApiClient c = client(token())) {
      assertThatThrownBy(() -> c.call("host.get", Map.of()))
          .isInstanceOfSatisfying(
              ZabbixApiException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED))
          .hasMessageContaining("Zabbix 5.4.9")
          .hasMessageContaining("6.0 or later");
    }
    assertThat(server.requests("host.get")).isEmpty();
  }

  @Test
  void anExpiredSessionLogsInAgainOnceAndRepeatsTheCall() throws Exception {
    AtomicInteger gets = new AtomicInteger();
    Function<Request, Object> base = zabbix("6.0.14");
    server =
        new JsonRpcServer(
            r -> {
              if (r.method().equals("host.get") && gets.incrementAndGet() == 2) {
                return error(r, -32602, "Invalid params.", "Session terminated, re-login, please.");
              }
              return base.apply(r);
            });
    try (ZabbixApiClient c = client(login())) {
      c.call("host.get", Map.of());
      JsonNode again = c.call("host.get", Map.of()); // expired, re-login, repeated
      assertThat(again.get(0).get("hostid").asText()).isEqualTo("1");
    }
    assertThat(server.requests("user.login")).hasSize(2);
    List<Request> getRequests = server.requests("host.get");
    assertThat(getRequests)
        .extracting(Request::authField)
        .containsExactly("session-1", "session-1", "session-2");
  }

  @Test
  void aSessionRefusedRightAfterLoginIsAnAuthFailureNotALoop() throws Exception {
    Function<Request, Object> base = zabbix("7.0.0");
    server =
        new JsonRpcServer(
            r ->
                r.method().equals("host.get")
                    ? error(r, -32602, "Invalid params.", "Not authorized.")
                    : base.apply(r));
    try (ZabbixApiClient c = client(login())) {
      assertThatThrownBy(() -> c.call("host.get", Map.of()))
          .isInstanceOfSatisfying(
              ZabbixApiException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTH));
    }
    assertThat(server.requests("user.login")).hasSize(2);
    assertThat(server.requests("host.get")).hasSize(2);
  }

  @Test
  void aRefusedLoginIsFinalAndNeverShowsThePassword() throws Exception {
    Function<Request, Object> base = zabbix("6.0.14");
    server =
        new JsonRpcServer(
            r ->
                r.method().equals("user.login")
                    ? error(
                        r,
                        -32500,
                        "Application error.",
                        "Incorrect user name or password (" + PASSWORD + ").")
                    : base.apply(r));
    try (ZabbixApiClient c = client(login())) {
      assertThatThrownBy(() -> c.call("host.get", Map.of()))
          .isInstanceOfSatisfying(
              ZabbixApiException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(Kind.AUTH);
                assertThat(e.method()).isEqualTo("user.login");
              })
          .hasMessageContaining("login as 'netpool' refused")
          .hasMessageNotContaining(PASSWORD);
    }
    assertThat(server.requests("user.login")).hasSize(1);
    assertThat(server.requests("host.get")).isEmpty();
  }

  @Test
  void aRefusedTokenIsAClearAuthFailureWithoutTheToken() throws Exception {
    Function<Request, Object> base = zabbix("7.0.0");
    server =
        new JsonRpcServer(
            r ->
                r.method().equals("host.get")
                    ? error(r, -32602, "Invalid params.", "Not authorized. (" + TOKEN + ")")
                    : base.apply(r));
    ListAppender<ILoggingEvent> logs = captureLogs();
    try (ZabbixApiClient c = client(token())) {
      assertThatThrownBy(() -> c.call("host.get", Map.of()))
          .isInstanceOfSatisfying(
              ZabbixApiException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(Kind.AUTH);
                assertThat(e.data()).doesNotContain(TOKEN);
              })
          .hasMessageContaining("API token was refused")
          .hasMessageNotContaining(TOKEN);
      assertThat(c.toString()).doesNotContain(TOKEN);
    } finally {
      releaseLogs(logs);
    }
    assertThat(server.requests("host.get")).hasSize(1); // a token is not retried
    assertThat(logs.list).isNotEmpty();
    assertThat(logs.list)
        .allSatisfy(
            e -> {
              assertThat(e.getFormattedMessage()).doesNotContain(TOKEN);
              assertThat(String.valueOf(e.getThrowableProxy())).doesNotContain(TOKEN);
            });
  }

  @Test
  void secretsAreMaskedInEveryErrorTextAndNeverLogged() throws Exception {
    server =
        new JsonRpcServer(
            r ->
                switch (r.method()) {
                  case "apiinfo.version" -> result(r, "6.0.14");
                  case "user.login" -> result(r, "sess-ABCDEFGH");
                  default ->
                      error(
                          r,
                          -32602,
                          "Invalid params " + PASSWORD,
                          "echo sess-ABCDEFGH " + PASSWORD);
                });
    ListAppender<ILoggingEvent> logs = captureLogs();
    try (ZabbixApiClient c = client(login())) {
      assertThatThrownBy(() -> c.call("item.get", Map.of("password", PASSWORD)))
          .isInstanceOfSatisfying(
              ZabbixApiException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(Kind.API);
                assertThat(e.errorMessage() + e.data()).doesNotContain(PASSWORD, "sess-ABCDEFGH");
              })
          .hasMessageContaining("item.get")
          .hasMessageContaining("[-32602]")
          .hasMessageNotContaining(PASSWORD)
          .hasMessageNotContaining("sess-ABCDEFGH");
    } finally {
      releaseLogs(logs);
    }
    assertThat(logs.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .noneMatch(m -> m.contains(PASSWORD) || m.contains("sess-ABCDEFGH"));
  }

  @Test
  void anAnswerThatIsNotJsonRpcIsAProtocolError() throws Exception {
    server =
        new JsonRpcServer(
            r ->
                r.method().equals("apiinfo.version")
                    ? new Raw(502, "text/html", "<html><body>Bad Gateway</body></html>")
                    : result(r, 1));
    try (ZabbixApiClient c = client(token())) {
      assertThatThrownBy(c::version)
          .isInstanceOfSatisfying(
              ZabbixApiException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(Kind.PROTOCOL);
                assertThat(e.code()).isEqualTo(502);
                assertThat(e.data()).contains("Bad Gateway");
              });
    }
  }

  @Test
  void anUnreachableApiIsATransportError() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nobody listens there
    }
    URI url = URI.create("http://127.0.0.1:" + port + "/api_jsonrpc.php");
    try (ZabbixApiClient c = new ZabbixApiClient(url, token(), TIMEOUT)) {
      assertThatThrownBy(c::version)
          .isInstanceOfSatisfying(
              ZabbixApiException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TRANSPORT))
          .hasMessageContaining("cannot reach " + url);
    }
  }

  @Test
  void aServerThatDoesNotAnswerTimesOut() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    server =
        new JsonRpcServer(
            r -> {
              try {
                release.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return result(r, "6.0.0");
            });
    try (ZabbixApiClient c = new ZabbixApiClient(server.url(), token(), Duration.ofMillis(300))) {
      long t0 = System.nanoTime();
      assertThatThrownBy(c::version)
          .isInstanceOfSatisfying(
              ZabbixApiException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TRANSPORT))
          .hasMessageContaining("no answer");
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    } finally {
      release.countDown();
    }
  }

  private static ListAppender<ILoggingEvent> captureLogs() {
    Logger logger = (Logger) LoggerFactory.getLogger(ZabbixApiClient.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(Level.DEBUG);
    return appender;
  }

  private static void releaseLogs(ListAppender<ILoggingEvent> appender) {
    Logger logger = (Logger) LoggerFactory.getLogger(ZabbixApiClient.class);
    logger.detachAppender(appender);
    logger.setLevel(null);
  }
}
