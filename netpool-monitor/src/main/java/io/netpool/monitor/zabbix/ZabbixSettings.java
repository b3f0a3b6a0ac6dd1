package io.netpool.monitor.zabbix;

import io.netpool.monitor.inventory.HostKeyPolicy;
import io.netpool.monitor.inventory.InventoryLoader;
import io.netpool.monitor.inventory.SecretRef;
import io.netpool.monitor.inventory.ZabbixEndpoint;
import io.netpool.monitor.zabbix.delivery.tls.TrapperTls;
import io.netpool.pool.Protocol;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code zabbix:} section of {@code monitor.yml} (docs/zabbix.md), read by {@link
 * ZabbixSection}. Each part is optional: {@code api} + {@code discovery} find lines in Zabbix,
 * {@code sender} says where values go.
 *
 * @param api how to reach the Zabbix API, or null
 * @param discovery which hosts are lines and the defaults for their macros, or null
 * @param sender trapper addresses of the server and of proxies, or null
 */
public record ZabbixSettings(Api api, Discovery discovery, Sender sender)
    implements InventoryLoader.LineSource {

  /** Default API request timeout. */
  public static final Duration DEFAULT_API_TIMEOUT = Duration.ofSeconds(10);

  /** Default time between two discoveries. */
  public static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofMinutes(5);

  /** The shortest time between two discoveries (each one reads every line host). */
  public static final Duration MIN_SYNC_INTERVAL = Duration.ofSeconds(10);

  /** Default tag of line hosts. */
  public static final String DEFAULT_TAG_NAME = "TempType";

  /** Default value of the tag of line hosts. */
  public static final String DEFAULT_TAG_VALUE = "LINE";

  /** True when lines are discovered from the API. */
  public boolean discovers() {
    return api != null && discovery != null;
  }

  @Override
  public boolean suppliesLines() {
    return discovers();
  }

  /**
   * The Zabbix API: URL, timeout, and either an API token or a user name and password.
   *
   * @param url the {@code api_jsonrpc.php} URL, http or https
   * @param token an API token reference, or null
   * @param username login name, or null when a token is used
   * @param password password reference, or null when a token is used
   * @param timeout bound of the connect and of each request
   */
  public record Api(
      URI url, SecretRef token, String username, SecretRef password, Duration timeout) {
    public Api {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(timeout, "timeout");
      if ((token == null) == (username == null || password == null)) {
        throw new IllegalArgumentException("need either a token or a username and password");
      }
    }
  }

  /**
   * Which hosts are lines, how often to look, and the values used when a host leaves an optional
   * macro empty.
   *
   * @param proxy name of the proxy whose hosts are read, or null for hosts monitored by the server
   * @param tagName tag a line host has (own or inherited), matched exactly
   * @param tagValue the tag's value, matched exactly
   * @param syncInterval time between two discoveries
   * @param defaultInterval check interval when {@code {$LINE_CHECK_INTERVAL}} is empty
   * @param defaultProtocol router protocol when {@code {$LINE_ROUTER_PROTOCOL}} is empty
   * @param hostKey host key mode of the discovered routers
   */
  public record Discovery(
      String proxy,
      String tagName,
      String tagValue,
      Duration syncInterval,
      Duration defaultInterval,
      Protocol defaultProtocol,
      HostKeyPolicy hostKey) {
    public Discovery {
      Objects.requireNonNull(tagName, "tagName");
      Objects.requireNonNull(tagValue, "tagValue");
      Objects.requireNonNull(syncInterval, "syncInterval");
      Objects.requireNonNull(defaultInterval, "defaultInterval");
      Objects.requireNonNull(defaultProtocol, "defaultProtocol");
      Objects.requireNonNull(hostKey, "hostKey");
    }

    /** "proxy NAME" or "the server". */
    public String scope() {
      return proxy == null ? "the server" : "proxy " + proxy;
    }
  }

  /**
   * Trapper addresses.
   *
   * @param server the server's trapper, for hosts monitored by the server and for lines of the
   *     file; null when not set ({@code --zabbix} may give it)
   * @param proxies trapper address per proxy name, for hosts monitored by a proxy; an entry here
   *     wins over the address the API reports
   * @param tls TLS of every trapper connection without its own ({@code zabbix.sender.tls})
   * @param proxyTls TLS per proxy name, for proxies whose entry in {@code proxies} has a {@code
   *     tls} mapping; it replaces {@code tls} as a whole (docs/zabbix.md, "TLS")
   */
  /** Default {@code zabbix.sender.spool_max_size}: 256 MiB per destination. */
  public static final long DEFAULT_SPOOL_MAX_SIZE = 256L << 20;

  /** Default {@code zabbix.sender.spool_max_age}: 7 days (a long weekend's outage). */
  public static final java.time.Duration DEFAULT_SPOOL_MAX_AGE = java.time.Duration.ofDays(7);

  public record Sender(
      ZabbixEndpoint server,
      Map<String, ZabbixEndpoint> proxies,
      TrapperTls tls,
      Map<String, TrapperTls> proxyTls,
      long spoolMaxSize,
      java.time.Duration spoolMaxAge) {
    public Sender {
      proxies =
          proxies == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(proxies));
      tls = tls == null ? TrapperTls.UNENCRYPTED : tls;
      proxyTls =
          proxyTls == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(proxyTls));
      if (spoolMaxAge == null) {
        spoolMaxAge = DEFAULT_SPOOL_MAX_AGE;
      }
      if (spoolMaxSize <= 0) {
        spoolMaxSize = DEFAULT_SPOOL_MAX_SIZE;
      }
    }

    /** Addresses only, unencrypted, with the default spool bounds. */
    public Sender(ZabbixEndpoint server, Map<String, ZabbixEndpoint> proxies) {
      this(server, proxies, null, null, 0, null);
    }

    /**
     * The TLS setting for a trapper address: that of the proxy configured with this address, when
     * it has its own, else {@link #tls()}.
     */
    public TrapperTls tlsFor(ZabbixEndpoint endpoint) {
      String proxy = proxyAt(endpoint);
      return proxy != null && proxyTls.containsKey(proxy) ? proxyTls.get(proxy) : tls;
    }

    /** "proxy NAME (HOST:PORT)", "the server (HOST:PORT)" or "HOST:PORT", for messages. */
    public String describe(ZabbixEndpoint endpoint) {
      String proxy = proxyAt(endpoint);
      if (proxy != null) {
        return "proxy " + proxy + " (" + endpoint + ")";
      }
      return endpoint.equals(server) ? "the server (" + endpoint + ")" : endpoint.toString();
    }

    private String proxyAt(ZabbixEndpoint endpoint) {
      for (Map.Entry<String, ZabbixEndpoint> e : proxies.entrySet()) {
        if (e.getValue().equals(endpoint)) {
          return e.getKey();
        }
      }
      return null;
    }
  }
}
