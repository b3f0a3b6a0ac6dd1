package io.netpool.monitor.zabbix.discovery;

import io.netpool.monitor.zabbix.ZabbixSettings;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One discovery against a real API: read the line hosts ({@link ZabbixHostReader}), then turn them
 * into lines and problems ({@link DiscoveryMapper}). Owns its API client.
 */
public final class ZabbixDiscovery implements ZabbixInventorySource.Discoverer, AutoCloseable {
  private final ZabbixApiClient client;
  private final ZabbixHostReader reader;
  private final DiscoveryMapper mapper;

  /**
   * @param settings the {@code zabbix:} section; must have {@code api} and {@code discovery}
   * @param environment reads {@code env:NAME} password references of the macros
   */
  public ZabbixDiscovery(ZabbixSettings settings, UnaryOperator<String> environment) {
    Objects.requireNonNull(settings, "settings");
    if (!settings.discovers()) {
      throw new IllegalArgumentException("zabbix settings have no api or no discovery");
    }
    this.client = ZabbixApiClient.of(settings.api());
    this.reader = new ZabbixHostReader(client, settings.discovery());
    this.mapper = new DiscoveryMapper(settings.discovery(), settings.sender(), environment);
  }

  @Override
  public DiscoveryResult discover() throws ZabbixApiException {
    return mapper.map(reader.read());
  }

  /** The API endpoint, for messages. */
  public String describe() {
    return client.url().toString();
  }

  @Override
  public void close() {
    client.close();
  }
}
