package io.netpool.monitor.zabbix.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netpool.monitor.zabbix.ZabbixSettings;
import io.netpool.monitor.zabbix.discovery.ZabbixApiException.Kind;
import io.netpool.pool.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Zabbix API client: JSON-RPC 2.0 over HTTP(S) with {@link HttpClient} and Jackson.
 *
 * <p><b>Version first.</b> The first call asks {@code apiinfo.version} (without authentication) and
 * picks the request shape from it: Zabbix 6.4 and later get the token or session id in an {@code
 * Authorization: Bearer} header; 6.0 and 6.2 only read it from the {@code auth} field of the body.
 * Versions before 6.0 are refused with {@link Kind#UNSUPPORTED}.
 *
 * <p><b>Authentication.</b> An API token is used as it is; a token the server refuses is a {@link
 * Kind#AUTH} failure (there is nothing to retry with). With a user name and password the client
 * logs in with {@code user.login {username, password}} when it first needs to, and when a call is
 * answered with "session terminated / not authorised" it logs in again once and repeats that call.
 * {@link #close()} logs the session out.
 *
 * <p><b>Secrets.</b> Requests are never logged, only method names and timings. Exceptions carry the
 * method and the server's code, message and data, never the parameters; any text that contains the
 * token, password or session id is masked.
 *
 * <p>Calls are meant to come from one thread at a time (the discovery thread).
 */
public final class ZabbixApiClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ZabbixApiClient.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MASK = "******";
  private static final int MAX_SHOWN_BODY = 200;

  /** How the client authenticates. */
  public sealed interface Credentials permits Token, Login {}

  /** An API token (Zabbix 5.4+; created in Users, API tokens). */
  public record Token(Secret token) implements Credentials {
    public Token {
      Objects.requireNonNull(token, "token");
    }
  }

  /** A user name and password, for {@code user.login}. */
  public record Login(String username, Secret password) implements Credentials {
    public Login {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
    }
  }

  private final URI url;
  private final Credentials credentials;
  private final Duration timeout;
  private final HttpClient http;
  private final AtomicLong ids = new AtomicLong();
  private volatile ZabbixVersion version;
  private volatile String session;

  /**
   * @param url the API endpoint, e.g. {@code https://zabbix.example.net/api_jsonrpc.php}
   * @param credentials token or login
   * @param timeout bound of the connect and of each request (until the whole answer is read)
   */
  public ZabbixApiClient(URI url, Credentials credentials, Duration timeout) {
    this.url = Objects.requireNonNull(url, "url");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * A client for {@code api} of {@code monitor.yml} (not connected yet: the first call connects);
   * secrets are read from their source at each use.
   */
  public static ZabbixApiClient of(ZabbixSettings.Api api) {
    Credentials credentials =
        api.token() != null
            ? new Token(api.token().toSecret())
            : new Login(api.username(), api.password().toSecret());
    return new ZabbixApiClient(api.url(), credentials, api.timeout());
  }

  /** The API endpoint. */
  public URI url() {
    return url;
  }

  /**
   * The server's version ({@code apiinfo.version}), asked once.
   *
   * @throws ZabbixApiException when the API cannot be reached or the version is not supported
   */
  public ZabbixVersion version() throws ZabbixApiException {
    ZabbixVersion v = version;
    if (v != null) {
      return v;
    }
    JsonNode result = send("apiinfo.version", Map.of(), null, false);
    try {
      v = ZabbixVersion.parse(result.asText());
    } catch (IllegalArgumentException e) {
      throw new ZabbixApiException(
          Kind.PROTOCOL, "apiinfo.version", 0, "unexpected answer", e.getMessage());
    }
    if (v.compareTo(ZabbixVersion.OLDEST_SUPPORTED) < 0) {
      throw new ZabbixApiException(
          Kind.UNSUPPORTED,
          "apiinfo.version",
          0,
          "Zabbix " + v + " at " + url + " is not supported",
          "netpool needs Zabbix 6.0 or later");
    }
    if (v.major() >= 8) {
      log.warn("Zabbix {} at {} is newer than netpool knows; using the 7.x API", v, url);
    }
    version = v;
    return v;
  }

  /**
   * Calls {@code method} with {@code params} (any value Jackson can write) and returns the {@code
   * result}. Logs in first when needed, and once more when the session has expired.
   *
   * @throws ZabbixApiException for a JSON-RPC error, an unreadable answer, no answer, or refused
   *     authentication
   */
  public JsonNode call(String method, Object params) throws ZabbixApiException {
    ZabbixVersion v = version();
    String auth = authValue(method); // a refused login is final, not retried
    try {
      return send(method, params, auth, v.bearerAuth());
    } catch (ZabbixApiException e) {
      if (e.kind() == Kind.TRANSPORT) {
        version = null; // the server may come back upgraded: ask again next time
      }
      if (!e.isNotAuthorised()) {
        throw e;
      }
      if (credentials instanceof Token) {
        throw new ZabbixApiException(
            Kind.AUTH,
            method,
            e.code(),
            "the API token was refused; check that it exists, is enabled and has not expired",
            e.data(),
            e);
      }
      log.info("Zabbix API session at {} is no longer valid; logging in again", url);
      session = null;
      String fresh = authValue(method);
      try {
        return send(method, params, fresh, v.bearerAuth());
      } catch (ZabbixApiException again) {
        if (again.isNotAuthorised()) {
          throw new ZabbixApiException(
              Kind.AUTH, method, again.code(), "not authorised after a new login", again.data());
        }
        throw again;
      }
    }
  }

  /** The token, or the session id (logging in when there is none). */
  private String authValue(String method) throws ZabbixApiException {
    return switch (credentials) {
      case Token t -> reveal(t.token(), "the API token", method);
      case Login l -> {
        String s = session;
        yield s != null ? s : login(l);
      }
    };
  }

  private String login(Login login) throws ZabbixApiException {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("username", login.username());
    params.put("password", reveal(login.password(), "the password", "user.login"));
    JsonNode result;
    try {
      result = send("user.login", params, null, false);
    } catch (ZabbixApiException e) {
      if (e.kind() != Kind.API) {
        throw e;
      }
      throw new ZabbixApiException(
          Kind.AUTH,
          "user.login",
          e.code(),
          "login as '" + login.username() + "' refused",
          e.data(),
          e);
    }
    if (!result.isTextual() || result.asText().isBlank()) {
      throw new ZabbixApiException(
          Kind.PROTOCOL, "user.login", 0, "the answer is not a session id", "");
    }
    session = result.asText();
    log.info("logged in to the Zabbix API at {} as '{}'", url, login.username());
    return session;
  }

  private String reveal(Secret secret, String what, String method) throws ZabbixApiException {
    try {
      return secret.reveal();
    } catch (RuntimeException e) {
      // Secret's messages name the variable or file, never a value
      throw new ZabbixApiException(
          Kind.AUTH, method, 0, "cannot read " + what + " (" + secret.source() + ")", "", e);
    }
  }

  private JsonNode send(String method, Object params, String auth, boolean bearer)
      throws ZabbixApiException {
    ObjectNode request = JSON.createObjectNode();
    request.put("jsonrpc", "2.0");
    request.put("method", method);
    request.set("params", JSON.valueToTree(params));
    request.put("id", ids.incrementAndGet());
    if (auth != null && !bearer) {
      request.put("auth", auth);
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json-rpc")
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(request)));
    if (auth != null && bearer) {
      b.header("Authorization", "Bearer " + auth);
    }
    long t0 = System.nanoTime();
    HttpResponse<byte[]> response;
    try {
      response = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw new ZabbixApiException(
          Kind.TRANSPORT, method, 0, "no answer from " + url + " within " + timeout, "", e);
    } catch (IOException e) {
      throw new ZabbixApiException(
          Kind.TRANSPORT,
          method,
          0,
          "cannot reach " + url + ": " + e.getClass().getSimpleName(),
          e.getMessage() == null ? "" : mask(e.getMessage()),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ZabbixApiException(Kind.TRANSPORT, method, 0, "interrupted", "", e);
    }
    log.debug(
        "Zabbix API {} answered HTTP {} in {} ms",
        method,
        response.statusCode(),
        (System.nanoTime() - t0) / 1_000_000);
    return result(method, response);
  }

  private JsonNode result(String method, HttpResponse<byte[]> response) throws ZabbixApiException {
    JsonNode reply;
    try {
      reply = JSON.readTree(response.body());
    } catch (IOException e) {
      reply = null;
    }
    if (reply == null || !reply.isObject()) {
      throw new ZabbixApiException(
          Kind.PROTOCOL,
          method,
          response.statusCode() == 200 ? 0 : response.statusCode(),
          "HTTP " + response.statusCode() + " with an answer that is not JSON-RPC",
          shown(response.body()));
    }
    JsonNode error = reply.get("error");
    if (error != null && error.isObject()) {
      String message = mask(error.path("message").asText(""));
      String data = mask(error.path("data").asText(""));
      Kind kind =
          ZabbixApiException.looksLikeAuthError(message)
                  || ZabbixApiException.looksLikeAuthError(data)
              ? Kind.AUTH
              : Kind.API;
      throw new ZabbixApiException(kind, method, error.path("code").asInt(0), message, data);
    }
    JsonNode result = reply.get("result");
    if (result == null) {
      throw new ZabbixApiException(
          Kind.PROTOCOL,
          method,
          response.statusCode() == 200 ? 0 : response.statusCode(),
          "the answer has neither 'result' nor 'error'",
          shown(response.body()));
    }
    return result;
  }

  /** The start of an unexpected body, on one line, masked. */
  private String shown(byte[] body) {
    String text =
        new String(body, 0, Math.min(body.length, MAX_SHOWN_BODY), StandardCharsets.UTF_8);
    return mask(text.replaceAll("\\s+", " ").strip());
  }

  /** Replaces the token, password and session id in text from the server. */
  private String mask(String text) {
    String masked = text;
    for (String secret : secrets()) {
      if (secret != null && secret.length() >= 4) {
        masked = masked.replace(secret, MASK);
      }
    }
    return masked;
  }

  private List<String> secrets() {
    List<String> values = new ArrayList<>(3);
    values.add(session);
    Secret s =
        switch (credentials) {
          case Token t -> t.token();
          case Login l -> l.password();
        };
    try {
      values.add(s.reveal());
    } catch (RuntimeException e) {
      // unreadable secret: nothing to mask
    }
    return values;
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a JSON request", e);
    }
  }

  /** Logs the session out (when there is one) and releases the HTTP client. */
  @Override
  public void close() {
    String s = session;
    ZabbixVersion v = version;
    if (s != null && v != null) {
      try {
        send("user.logout", List.of(), s, v.bearerAuth());
      } catch (ZabbixApiException e) {
        log.debug("Zabbix API logout failed: {}", e.getMessage());
      } finally {
        session = null; // after the call, so that its errors are still masked
      }
    }
    http.close();
  }

  @Override
  public String toString() {
    String who =
        switch (credentials) {
          case Token t -> "token " + t.token().source();
          case Login l -> "user " + l.username();
        };
    return "ZabbixApiClient[" + url + ", " + who + "]";
  }
}
