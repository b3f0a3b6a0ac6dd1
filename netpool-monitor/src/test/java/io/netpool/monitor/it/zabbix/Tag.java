package io.netpool.monitor.it.zabbix;

/** A host or template tag; Zabbix allows the same tag name more than once. */
public record Tag(String tag, String value) {}
