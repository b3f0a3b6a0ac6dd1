package io.netpool.monitor.inventory;

import io.netpool.monitor.inventory.YamlTree.MapNode;
import io.netpool.pool.SessionOptions;
import io.netpool.ssh.AaaGroup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The device fields that say how a router is reached beyond host, port and host key (issue 14):
 * jump hosts and algorithm lists ({@link SshRouteFields}), Telnet ({@link TelnetFields}), session
 * rules ({@link CliRuleFields}) and the AAA group. Each becomes one typed {@link SessionOptions}
 * value of the driver that reads it, so a new way of reaching routers is a field class here and a
 * record in that driver, never a new component of {@link DeviceSpec}.
 */
final class AccessFields {
  private AccessFields() {}

  static final Field<String> AAA_GROUP =
      Field.of("aaa_group", AaaGroupsSection.groupName())
          .docDefault("none")
          .help(
              "a group of `aaa_groups:` (docs/inventory.md, \"AAA groups\"): the device's logins"
                  + " also keep to that group's budget");

  /** The access fields, in the order of the "Devices" table of docs/inventory.md. */
  static final List<Field<?>> FIELDS = all();

  private static List<Field<?>> all() {
    List<Field<?>> all = new ArrayList<>(SshRouteFields.FIELDS);
    all.addAll(TelnetFields.FIELDS);
    all.addAll(CliRuleFields.FIELDS);
    all.add(AAA_GROUP);
    return List.copyOf(all);
  }

  /** {@code fields} followed by the access fields. */
  static Field<?>[] appendedTo(Field<?>... fields) {
    List<Field<?>> all = new ArrayList<>(Arrays.asList(fields));
    all.addAll(FIELDS);
    return all.toArray(Field<?>[]::new);
  }

  /** The typed options of the access fields that are set (valid values). */
  static SessionOptions options(Values v) {
    SessionOptions o = CliRuleFields.options(v, SshRouteFields.options(v, TelnetFields.options(v)));
    if (v.has(AAA_GROUP) && v.get(AAA_GROUP) != null) {
      o = o.with(AaaGroup.class, new AaaGroup(v.get(AAA_GROUP)));
    }
    return o;
  }

  /** Rules across fields of one device; reports each broken one, returns whether all hold. */
  static boolean check(Values v, MapNode device, String path, ReadContext ctx) {
    return TelnetFields.check(v, device, path, ctx);
  }

  /** Rules on {@code defaults.device}. */
  static void checkDefaults(Values defaults, MapNode defaultsNode, ReadContext ctx) {
    TelnetFields.checkDefaults(defaults, defaultsNode, ctx);
  }
}
