package io.netpool.monitor.it.zabbix;

/**
 * An item as {@code item.get} returns it.
 *
 * @param type the item type ({@code 2} = Zabbix trapper)
 * @param templateId the template item it was inherited from, {@code 0} when created on the host
 */
public record ItemInfo(
    String itemId,
    String hostId,
    String key,
    String name,
    int type,
    ValueType valueType,
    String templateId) {

  public static final int TYPE_TRAPPER = 2;
}
