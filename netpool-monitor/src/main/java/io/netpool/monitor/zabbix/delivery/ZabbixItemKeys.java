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
 * @param rttMedian median round-trip time in seconds (numeric float); only sent when the platform
 *     printed every reply's time
 * @param rttStddev population standard deviation of the round-trip times in seconds (numeric
 *     float); only sent when the replies or the device's summary give it
 * @param jitter mean absolute difference of consecutive round-trip times in seconds (numeric
 *     float); only sent with at least two per-reply times
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
    String rttMedian,
    String rttStddev,
    String jitter,
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
  public static final String DEFAULT_RTT_MEDIAN = "netpool.ping.rtt.median";
  public static final String DEFAULT_RTT_STDDEV = "netpool.ping.rtt.stddev";
  public static final String DEFAULT_JITTER = "netpool.ping.jitter";
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
    rttMedian = normalize(rttMedian);
    rttStddev = normalize(rttStddev);
    jitter = normalize(jitter);
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
        DEFAULT_RTT_MEDIAN,
        DEFAULT_RTT_STDDEV,
        DEFAULT_JITTER,
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
        key, rttMin, rttAvg, rttMax, rttMedian, rttStddev, jitter, status, sent, received, error,
        failure, router, state);
  }

  public ZabbixItemKeys withRttMin(String key) {
    return new ZabbixItemKeys(
        loss, key, rttAvg, rttMax, rttMedian, rttStddev, jitter, status, sent, received, error,
        failure, router, state);
  }

  public ZabbixItemKeys withRttAvg(String key) {
    return new ZabbixItemKeys(
        loss, rttMin, key, rttMax, rttMedian, rttStddev, jitter, status, sent, received, error,
        failure, router, state);
  }

  public ZabbixItemKeys withRttMax(String key) {
    return new ZabbixItemKeys(
        loss, rttMin, rttAvg, key, rttMedian, rttStddev, jitter, status, sent, received, error,
        failure, router, state);
  }

  public ZabbixItemKeys withRttMedian(String key) {
    return new ZabbixItemKeys(
        loss, rttMin, rttAvg, rttMax, key, rttStddev, jitter, status, sent, received, error,
        failure, router, state);
  }

  public ZabbixItemKeys withRttStddev(String key) {
    return new ZabbixItemKeys(
        loss, rttMin, rttAvg, rttMax, rttMedian, key, jitter, status, sent, received, error,
        failure, router, state);
  }

  public ZabbixItemKeys withJitter(String key) {
    return new ZabbixItemKeys(
        loss, rttMin, rttAvg, rttMax, rttMedian, rttStddev, key, status, sent, received, error,
        failure, router, state);
  }

  public ZabbixItemKeys withStatus(String key) {
    return new ZabbixItemKeys(
        loss, rttMin, rttAvg, rttMax, rttMedian, rttStddev, jitter, key, sent, received, error,
        failure, router, state);
  }

  public ZabbixItemKeys withSent(String key) {
    return new ZabbixItemKeys(
        loss, rttMin, rttAvg, rttMax, rttMedian, rttStddev, jitter, status, key, received, error,
        failure, router, state);
  }

  public ZabbixItemKeys withReceived(String key) {
    return new ZabbixItemKeys(
        loss, rttMin, rttAvg, rttMax, rttMedian, rttStddev, jitter, status, sent, key, error,
        failure, router, state);
  }

  public ZabbixItemKeys withError(String key) {
    return new ZabbixItemKeys(
        loss, rttMin, rttAvg, rttMax, rttMedian, rttStddev, jitter, status, sent, received, key,
        failure, router, state);
  }

  public ZabbixItemKeys withFailure(String key) {
    return new ZabbixItemKeys(
        loss, rttMin, rttAvg, rttMax, rttMedian, rttStddev, jitter, status, sent, received, error,
        key, router, state);
  }

  public ZabbixItemKeys withRouter(String key) {
    return new ZabbixItemKeys(
        loss, rttMin, rttAvg, rttMax, rttMedian, rttStddev, jitter, status, sent, received, error,
        failure, key, state);
  }

  public ZabbixItemKeys withState(String key) {
    return new ZabbixItemKeys(
        loss, rttMin, rttAvg, rttMax, rttMedian, rttStddev, jitter, status, sent, received, error,
        failure, router, key);
  }

  /** Every key that is switched on, in the order above. */
  public List<String> all() {
    return Stream.of(
            loss, rttMin, rttAvg, rttMax, rttMedian, rttStddev, jitter, status, sent, received,
            error, failure, router, state)
        .filter(Objects::nonNull)
        .toList();
  }

  private static String normalize(String key) {
    return key == null || key.isBlank() ? null : key.strip();
  }
}
