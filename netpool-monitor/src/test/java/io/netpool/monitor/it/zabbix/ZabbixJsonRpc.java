package io.netpool.monitor.it.zabbix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** JSON-RPC 2.0 over HTTP to {@code api_jsonrpc.php}: one call, one result or one exception. */
final class ZabbixJsonRpc {

  static final ObjectMapper JSON = new ObjectMapper();

  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
  private static final int MAX_BODY_IN_MESSAGE = 300;

  private final URI url;
  private final AtomicLong ids = new AtomicLong();
  // PHP's built-in server speaks HTTP/1.1 only; no h2c upgrade attempt.
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  ZabbixJsonRpc(URI url) {
    this.url = url;
  }

  URI url() {
    return url;
  }

  /**
   * Calls {@code method} and returns its {@code result}.
   *
   * @param params anything Jackson turns into the params object or array
   * @param auth the session token from {@code user.login}, or null for methods without login
   */
  JsonNode call(String method, Object params, String auth) {
    ObjectNode request = JSON.createObjectNode();
    request.put("jsonrpc", "2.0");
    request.put("method", method);
    request.set("params", JSON.valueToTree(params));
    request.put("id", ids.incrementAndGet());
    if (auth != null) {
      request.put("auth", auth); // Zabbix 6.0: the token goes in the body, not a header
    }
    HttpResponse<String> response = post(method, request);
    if (response.statusCode() != 200) {
      throw new ZabbixApiException(
          method + ": HTTP " + response.statusCode() + " from " + url + ": " + head(response));
    }
    JsonNode reply;
    try {
      reply = JSON.readTree(response.body());
    } catch (JsonProcessingException e) {
      throw new ZabbixApiException(method + ": reply is not JSON: " + head(response));
    }
    JsonNode error = reply == null ? null : reply.get("error");
    if (error != null) {
      throw new ZabbixApiException(
          method
              + " failed: "
              + error.path("code").asText()
              + " "
              + error.path("message").asText()
              + " "
              + error.path("data").asText());
    }
    if (reply == null || !reply.has("result")) {
      throw new ZabbixApiException(
          method + ": reply has neither result nor error: " + head(response));
    }
    return reply.get("result");
  }

  private HttpResponse<String> post(String method, ObjectNode request) {
    try {
      HttpRequest httpRequest =
          HttpRequest.newBuilder(url)
              .timeout(CALL_TIMEOUT)
              .header("Content-Type", "application/json-rpc")
              .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(request)))
              .build();
      return http.send(httpRequest, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ZabbixApiException(method + ": request to " + url + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ZabbixApiException(method + ": interrupted", e);
    }
  }

  private static String head(HttpResponse<String> response) {
    String body = response.body() == null ? "" : response.body().strip();
    return body.length() <= MAX_BODY_IN_MESSAGE
        ? body
        : body.substring(0, MAX_BODY_IN_MESSAGE) + "...";
  }
}
