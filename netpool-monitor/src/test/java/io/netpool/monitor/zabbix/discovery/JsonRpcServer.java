package io.netpool.monitor.zabbix.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A scripted JSON-RPC endpoint on 127.0.0.1 for the API client's and host reader's unit tests: it
 * records every request (body and Authorization header) and answers with what the script returns
 * for it. The script returns a whole reply object, or a {@link Raw} answer.
 */
final class JsonRpcServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  /** One request as received. */
  record Request(String method, JsonNode params, JsonNode body, String authorization) {
    /** The {@code auth} field of the body, or null. */
    String authField() {
      JsonNode a = body.get("auth");
      return a == null ? null : a.asText();
    }
  }

  /** A non-JSON-RPC answer. */
  record Raw(int status, String contentType, String body) {}

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile Function<Request, Object> script;

  JsonRpcServer(Function<Request, Object> script) throws IOException {
    this.script = script;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api_jsonrpc.php", this::handle);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api_jsonrpc.php");
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  List<Request> requests(String method) {
    return requests.stream().filter(r -> r.method().equals(method)).toList();
  }

  void script(Function<Request, Object> s) {
    this.script = s;
  }

  /** A success reply to {@code r} with this result (any Jackson-writable value). */
  static ObjectNode result(Request r, Object result) {
    ObjectNode o = JSON.createObjectNode();
    o.put("jsonrpc", "2.0");
    o.set("result", JSON.valueToTree(result));
    o.set("id", r.body().get("id"));
    return o;
  }

  /** An error reply to {@code r}. */
  static ObjectNode error(Request r, int code, String message, String data) {
    ObjectNode o = JSON.createObjectNode();
    o.put("jsonrpc", "2.0");
    ObjectNode e = o.putObject("error");
    e.put("code", code);
    e.put("message", message);
    e.put("data", data);
    o.set("id", r.body().get("id"));
    return o;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      JsonNode body = JSON.readTree(ex.getRequestBody());
      Request r =
          new Request(
              body.path("method").asText(),
              body.path("params"),
              body,
              ex.getRequestHeaders().getFirst("Authorization"));
      requests.add(r);
      Object answer = script.apply(r);
      int status = 200;
      String type = "application/json";
      byte[] bytes;
      if (answer instanceof Raw raw) {
        status = raw.status();
        type = raw.contentType();
        bytes = raw.body().getBytes(StandardCharsets.UTF_8);
      } else {
        bytes = JSON.writeValueAsBytes(answer);
      }
      ex.getResponseHeaders().set("Content-Type", type);
      ex.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
