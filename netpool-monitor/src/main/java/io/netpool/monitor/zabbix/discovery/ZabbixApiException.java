package io.netpool.monitor.zabbix.discovery;

import java.util.Locale;
import java.util.Objects;

/**
 * A Zabbix API call that failed: the method, and the JSON-RPC error's code, message and data (or
 * what went wrong on the way). Never carries request parameters (they may hold a password) nor the
 * token or session id.
 */
public final class ZabbixApiException extends Exception {

  /** What kind of failure, so callers can tell "retry later" from "fix the configuration". */
  public enum Kind {
    /** No answer: connection refused, timeout, TLS failure. */
    TRANSPORT,
    /** An answer that is not a JSON-RPC 2.0 reply (HTTP error page, not JSON, wrong shape). */
    PROTOCOL,
    /** A JSON-RPC error from the API (bad parameters, missing permission, unknown method). */
    API,
    /** Login refused, token refused or expired, session gone after re-login. */
    AUTH,
    /** The server's version is outside what netpool supports. */
    UNSUPPORTED
  }

  private final Kind kind;
  private final String method;
  private final int code;
  private final String errorMessage;
  private final String data;

  /**
   * @param kind the kind of failure
   * @param method the API method called, e.g. {@code host.get}
   * @param code the JSON-RPC error code, the HTTP status for HTTP errors, or 0
   * @param errorMessage the error's message (already free of secrets)
   * @param data the error's data (already free of secrets), or empty
   */
  public ZabbixApiException(
      Kind kind, String method, int code, String errorMessage, String data, Throwable cause) {
    super(describe(method, code, errorMessage, data), cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.method = Objects.requireNonNull(method, "method");
    this.code = code;
    this.errorMessage = errorMessage == null ? "" : errorMessage;
    this.data = data == null ? "" : data;
  }

  public ZabbixApiException(Kind kind, String method, int code, String errorMessage, String data) {
    this(kind, method, code, errorMessage, data, null);
  }

  public Kind kind() {
    return kind;
  }

  public String method() {
    return method;
  }

  public int code() {
    return code;
  }

  /** The JSON-RPC error's message, such as {@code Invalid params.}. */
  public String errorMessage() {
    return errorMessage;
  }

  /** The JSON-RPC error's data, such as {@code Session terminated, re-login, please.}. */
  public String data() {
    return data;
  }

  /**
   * True for the answers Zabbix gives to a request whose session or token is not (or no longer)
   * valid: "Session terminated, re-login, please.", "Not authorised.", "Not authorized.", "API
   * token expired.".
   */
  public boolean isNotAuthorised() {
    return kind == Kind.AUTH || looksLikeAuthError(errorMessage) || looksLikeAuthError(data);
  }

  static boolean looksLikeAuthError(String text) {
    String t = text == null ? "" : text.toLowerCase(Locale.ROOT);
    return t.contains("re-login")
        || t.contains("session terminated")
        || t.contains("not authorised")
        || t.contains("not authorized")
        || t.contains("token expired");
  }

  private static String describe(String method, int code, String message, String data) {
    StringBuilder b = new StringBuilder("Zabbix API ").append(method).append(": ");
    if (code != 0) {
      b.append('[').append(code).append("] ");
    }
    b.append(message == null || message.isBlank() ? "failed" : message.strip());
    if (data != null && !data.isBlank()) {
      b.append(" (").append(data.strip()).append(')');
    }
    return b.toString();
  }
}
