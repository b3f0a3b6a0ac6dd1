package io.netpool.monitor.zabbix.delivery;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Item keys the ping results are sent under. A null or blank key switches that item off.
 *
 * @param loss packet loss in percent (numeric float), e.g. {@code 20.00}
 * @param rttMin minimum round-trip time in seconds (numeric float); not sent when no reply came
 *     back
 * @param rttAvg average round-trip time in seconds (numeric float); not sent when no reply came
 *     back
 * @param rttMax maximum round-trip time in seconds (numeric float); not sent when no reply came
 *     back
 * @param status the status code (numeric unsigned, {@link ZabbixCodes#status}): 0 ok, 1 degraded, 2
 *     down, 3 unreachable, 4 error
 * @param sent probes sent (numeric unsigned); not sent with status error
 * @param received replies received (numeric unsigned); not sent with status error
 * @param error why the check failed (text); only sent with status error
 * @param failure the failure kind code (numeric unsigned, {@link ZabbixCodes#failure}); 0 when the
 *     check measured
 * @param router the router's part of the failure (numeric unsigned, {@link
 *     ZabbixCodes#routerFailure}), sent to the line host and to the router's own host
 * @param state the line's state code (numeric unsigned, {@code LineCondition#code}), sent when it
 *     changes
 */
public record ZabbixItemKeys(
    String loss,
    String rttMin,
    String rttAvg,
    String rttMax,
    String status,
    String sent,
    String received,
    String error,
    String failure,
    String router,
    String state) {

  public static final String DEFAULT_LOSS = "netpool.ping.loss";
  public static final String DEFAULT_RTT_MIN = "netpool.ping.rtt.min";
  public static final String DEFAULT_RTT_AVG = "netpool.ping.rtt.avg";
  public static final String DEFAULT_RTT_MAX = "netpool.ping.rtt.max";
  public static final String DEFAULT_STATUS = "netpool.ping.status";
  public static final String DEFAULT_SENT = "netpool.ping.sent";
  public static final String DEFAULT_RECEIVED = "netpool.ping.received";
  public static final String DEFAULT_ERROR = "netpool.ping.error";
  public static final String DEFAULT_FAILURE = "netpool.ping.failure";
  public static final String DEFAULT_ROUTER = "netpool.router.failure";
  public static final String DEFAULT_STATE = "netpool.line.state";

  public ZabbixItemKeys {
    loss = normalize(loss);
    rttMin = normalize(rttMin);
    rttAvg = normalize(rttAvg);
    rttMax = normalize(rttMax);
    status = normalize(status);
    sent = normalize(sent);
    received = normalize(received);
    error = normalize(error);
    failure = normalize(failure);
    router = normalize(router);
    state = normalize(state);
  }

  /**
   * The {@code netpool.ping.*} keys, {@code netpool.router.failure} and {@code netpool.line.state}.
   */
  public static ZabbixItemKeys defaults() {
    return new ZabbixItemKeys(
        DEFAULT_LOSS,
        DEFAULT_RTT_MIN,
        DEFAULT_RTT_AVG,
        DEFAULT_RTT_MAX,
        DEFAULT_STATUS,
        DEFAULT_SENT,
        DEFAULT_RECEIVED,
        DEFAULT_ERROR,
        DEFAULT_FAILURE,
        DEFAULT_ROUTER,
        DEFAULT_STATE);
  }

  public ZabbixItemKeys withLoss(String key) {
    return new ZabbixItemKeys(
        key, rttMin, rttAvg, rttMax, status, sent, received, error, failure, router, state);
  }

  public ZabbixItemKeys withRttMin(String key) {
    return new ZabbixItemKeys(
        loss, key, rttAvg, rttMax, status, sent, received, error, failure, router, state);
  }

  public ZabbixItemKeys withRttAvg(String key) {
    return new ZabbixItemKeys(
        loss, rttMin, key, rttMax, status, sent, received, error, failure, router, state);
  }

  public ZabbixItemKeys withRttMax(String key) {
    return new ZabbixItemKeys(
        loss, rttMin, rttAvg, key, status, sent, received, error, failure, router, state);
  }

  public ZabbixItemKeys withStatus(String key) {
    return new ZabbixItemKeys(
        loss, rttMin, rttAvg, rttMax, key, sent, received, error, failure, router, state);
  }

  public ZabbixItemKeys withSent(String key) {
    return new ZabbixItemKeys(
        loss, rttMin, rttAvg, rttMax, status, key, received, error, failure, router, state);
  }

  public ZabbixItemKeys withReceived(String key) {
    return new ZabbixItemKeys(
        loss, rttMin, rttAvg, rttMax, status, sent, key, error, failure, router, state);
  }

  public ZabbixItemKeys withError(String key) {
    return new ZabbixItemKeys(
        loss, rttMin, rttAvg, rttMax, status, sent, received, key, failure, router, state);
  }

  public ZabbixItemKeys withFailure(String key) {
    return new ZabbixItemKeys(
        loss, rttMin, rttAvg, rttMax, status, sent, received, error, key, router, state);
  }

  public ZabbixItemKeys withRouter(String key) {
    return new ZabbixItemKeys(
        loss, rttMin, rttAvg, rttMax, status, sent, received, error, failure, key, state);
  }

  public ZabbixItemKeys withState(String key) {
    return new ZabbixItemKeys(
        loss, rttMin, rttAvg, rttMax, status, sent, received, error, failure, router, key);
  }

  /** Every key that is switched on, in the order above. */
  public List<String> all() {
    return Stream.of(
            loss, rttMin, rttAvg, rttMax, status, sent, received, error, failure, router, state)
        .filter(Objects::nonNull)
        .toList();
  }

  private static String normalize(String key) {
    return key == null || key.isBlank() ? null : key.strip();
  }
}
