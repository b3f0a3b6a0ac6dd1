package io.netpool.monitor.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.netpool.monitor.sink.prometheus.MetricsRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor's HTTP endpoints, on the JDK's built-in server, one virtual thread per request:
 *
 * <ul>
 *   <li>{@code GET /health}: {@code {"status":"ok","time":...,"uptimeSeconds":n,"lines":n}}; never
 *       needs the token (for load balancers and liveness probes)
 *   <li>{@code GET /healthz}: 200 while the process serves (liveness); {@code GET /readyz}: 200
 *       when the monitor is ready, 503 with the reasons otherwise (scheduler not running, a sink
 *       failing, the watchdog: no check finished in time); the reasons only with the token
 *   <li>{@code GET /metrics}: Prometheus text ({@link MetricsRegistry#CONTENT_TYPE}); 404 when the
 *       server has no metrics registry
 *   <li>{@code GET /api/lines/<id>/outputs}: the line's last raw outputs ({@link OutputsApi});
 *   <li>{@code GET /api/events}: the last state changes of lines and routers ({@link EventsApi});
 *   <li>{@code GET /api/status}: lines with their latest result and recent history, devices with
 *       their pool state (JSON, shape in docs/observability.md)
 *   <li>{@code GET /api/lines/<id>/history?from=&to=}: one line's stored results or 5-minute
 *       rollups ({@link HistoryHandler}); 404 without history
 *   <li>{@code GET /} (and {@code /status.js}, {@code /status.css}): the status page, which loads
 *       {@code /api/status} every few seconds
 *   <li>{@code GET /lines/<id>} (and {@code /line.js}, {@code /smoke.js}): one line's page (smoke
 *       chart, loss, state changes, raw outputs); 404 for a line not in the inventory
 * </ul>
 *
 * <p>Bound to 127.0.0.1 unless another host is given. With a bearer token every path except {@code
 * /health}, {@code /healthz} and {@code /readyz} needs {@code Authorization: Bearer <token>} and
 * gets 401 otherwise; the token is compared in constant time and never logged. Nothing served
 * contains credentials: the server only sees {@link StatusSource}'s ids, targets and results.
 */
public final class StatusServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StatusServer.class);

  static final String JSON = "application/json; charset=utf-8";
  private static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self';"
          + " frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
  private static final String HTML = "text/html; charset=utf-8";
  private static final String JS = "text/javascript; charset=utf-8";
  private static final Map<String, Resource> PAGE =
      Map.of(
          "/", Resource.load("index.html", HTML),
          "/index.html", Resource.load("index.html", HTML),
          "/status.js", Resource.load("status.js", JS),
          "/status.css", Resource.load("status.css", "text/css; charset=utf-8"),
          "/line.js", Resource.load("line.js", JS),
          "/smoke.js", Resource.load("smoke.js", JS));

  /** {@code /lines/<id>}: one line's page, the same document for every known line. */
  static final String LINE_PAGE_PREFIX = "/lines/";

  private static final Resource LINE_PAGE = Resource.load("line.html", HTML);

  /**
   * Where to listen and whether to require a token.
   *
   * @param host address to bind, {@code 127.0.0.1} by default
   * @param port TCP port, 0 for any free one
   * @param bearerToken the token clients must send, or null for none
   */
  public record Options(String host, int port, String bearerToken) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 9464;

    public Options {
      host = host == null || host.isBlank() ? DEFAULT_HOST : host;
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, was " + port);
      }
      bearerToken = bearerToken == null || bearerToken.isEmpty() ? null : bearerToken;
    }

    /** 127.0.0.1 on {@code port}, no token. */
    public static Options localhost(int port) {
      return new Options(DEFAULT_HOST, port, null);
    }

    public Options withToken(String token) {
      return new Options(host, port, token);
    }

    /** Shows whether a token is set, never the token. */
    @Override
    public String toString() {
      return "Options[" + host + ":" + port + (bearerToken == null ? "" : " token=***") + "]";
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final StatusSource source;
  private final MetricsRegistry metrics;
  private final byte[] expectedAuthorization;
  private final Clock clock;
  private final Instant started;

  private StatusServer(Options options, StatusSource source, MetricsRegistry metrics, Clock clock)
      throws IOException {
    this.source = Objects.requireNonNull(source, "source");
    this.metrics = metrics;
    this.clock = clock;
    this.started = clock.instant();
    this.expectedAuthorization =
        options.bearerToken() == null
            ? null
            : ("Bearer " + options.bearerToken()).getBytes(StandardCharsets.UTF_8);
    this.server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 0);
    this.executor =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("netpool-http-", 0).factory());
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  /**
   * Starts a server.
   *
   * @param metrics the registry for {@code /metrics}, or null to answer 404 there
   * @throws IOException when the address cannot be bound
   */
  public static StatusServer start(Options options, StatusSource source, MetricsRegistry metrics)
      throws IOException {
    return start(options, source, metrics, Clock.systemUTC());
  }

  static StatusServer start(
      Options options, StatusSource source, MetricsRegistry metrics, Clock clock)
      throws IOException {
    StatusServer s = new StatusServer(options, source, metrics, clock);
    s.server.start();
    log.info(
        "status page on {} ({})",
        s.baseUri(),
        options.bearerToken() == null ? "no token" : "bearer token required");
    return s;
  }

  /** The bound address (the real port when 0 was asked for). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  public int port() {
    return address().getPort();
  }

  /** {@code http://host:port/}. */
  public URI baseUri() {
    InetSocketAddress a = address();
    String host = a.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + a.getPort() + "/");
  }

  @Override
  public void close() {
    server.stop(0);
    executor.close();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String method = ex.getRequestMethod();
      Headers h = ex.getResponseHeaders();
      h.set("Cache-Control", "no-store");
      h.set("X-Content-Type-Options", "nosniff");
      h.set("Referrer-Policy", "no-referrer");
      if (!method.equals("GET") && !method.equals("HEAD")) {
        h.set("Allow", "GET, HEAD");
        send(ex, 405, JSON, error("method not allowed"));
        return;
      }
      if (path.equals("/health")) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        StatusJson.health(b, clock.instant(), uptime(), source.lines().size());
        send(ex, 200, JSON, b.toByteArray());
        return;
      }
      if (path.equals("/healthz")) {
        send(ex, 200, JSON, "{\"status\":\"alive\"}".getBytes(StandardCharsets.UTF_8));
        return;
      }
      if (path.equals("/readyz")) {
        List<String> reasons = source.notReady();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        StatusJson.readiness(b, reasons.isEmpty(), authorized(ex) ? reasons : List.of());
        send(ex, reasons.isEmpty() ? 200 : 503, JSON, b.toByteArray());
        return;
      }
      if (!authorized(ex)) {
        h.set("WWW-Authenticate", "Bearer realm=\"netpool\"");
        send(ex, 401, JSON, error("unauthorized"));
        return;
      }
      if (OutputsApi.matches(path)) {
        EventsApi.Answer a = OutputsApi.answer(path, source);
        send(ex, a.status(), JSON, a.json().getBytes(StandardCharsets.UTF_8));
        return;
      }
      switch (path) {
        case "/metrics" -> {
          if (metrics == null) {
            send(ex, 404, JSON, error("metrics are not enabled"));
          } else {
            send(
                ex,
                200,
                MetricsRegistry.CONTENT_TYPE,
                metrics.scrape().getBytes(StandardCharsets.UTF_8));
          }
        }
        case "/api/events" -> {
          EventsApi.Answer a = EventsApi.answer(ex.getRequestURI().getRawQuery(), source);
          send(ex, a.status(), JSON, a.json().getBytes(StandardCharsets.UTF_8));
        }
        case "/api/status" -> {
          ByteArrayOutputStream b = new ByteArrayOutputStream(8192);
          StatusJson.status(b, source, clock.instant(), uptime());
          send(ex, 200, JSON, b.toByteArray());
        }
        default -> {
          if (HistoryHandler.handles(path)) {
            HistoryHandler.Response r =
                HistoryHandler.handle(
                    path, ex.getRequestURI().getRawQuery(), source, clock.instant());
            send(ex, r.status(), JSON, r.body());
            return;
          }
          Resource r = path.startsWith(LINE_PAGE_PREFIX) ? linePage(path) : PAGE.get(path);
          if (r == null) {
            send(ex, 404, JSON, error("not found"));
          } else {
            h.set("Content-Security-Policy", CSP);
            h.set("X-Frame-Options", "DENY");
            send(ex, 200, r.contentType(), r.bytes());
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // the client went away, or a bug: no request details in the log (they may hold the token)
      log.warn("status request {} failed: {}", ex.getRequestURI().getPath(), e.toString());
      try {
        send(ex, 500, JSON, error("internal error"));
      } catch (IOException | RuntimeException ignored) {
        // headers were already sent or the connection is gone
      }
    }
  }

  /** The line page when the path names a configured line, else null (404). */
  private Resource linePage(String path) {
    String id = path.substring(LINE_PAGE_PREFIX.length());
    return source.lines().stream().anyMatch(l -> l.id().equals(id)) ? LINE_PAGE : null;
  }

  private Duration uptime() {
    return Duration.between(started, clock.instant());
  }

  private boolean authorized(HttpExchange ex) {
    if (expectedAuthorization == null) {
      return true;
    }
    String given = ex.getRequestHeaders().getFirst("Authorization");
    if (given == null) {
      return false;
    }
    // the scheme is case-insensitive; the token is compared exactly, in constant time
    if (given.length() > 7 && given.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
      given = "Bearer " + given.substring(7).strip();
    }
    return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expectedAuthorization);
  }

  private static void send(HttpExchange ex, int status, String contentType, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", contentType);
    if (ex.getRequestMethod().equals("HEAD")) {
      ex.sendResponseHeaders(status, -1);
      return;
    }
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static byte[] error(String message) {
    return ("{\"error\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  private record Resource(byte[] bytes, String contentType) {
    static Resource load(String name, String contentType) {
      try (InputStream in = StatusServer.class.getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + name);
        }
        return new Resource(in.readAllBytes(), contentType);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
