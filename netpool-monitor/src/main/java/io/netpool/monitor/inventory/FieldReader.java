package io.netpool.monitor.inventory;

import io.netpool.monitor.inventory.YamlTree.Node;

/**
 * Reads one value of {@code monitor.yml}: a field, or a whole top-level section (see {@link
 * InventoryLoader#section}).
 *
 * @param <T> the value's type
 */
@FunctionalInterface
public interface FieldReader<T> {
  /**
   * Reads {@code node}, which is neither empty nor already reported as broken.
   *
   * @param node the value as written
   * @param path the field path for problems, such as {@code devices[0].port}
   * @param ctx where problems go
   * @return the value, or null when it is invalid (then a problem has been reported)
   */
  T read(Node node, String path, ReadContext ctx);
}
