package io.netpool.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The simulated fleet of one run: one {@link SimHost} process, or several that each run a share of
 * the routers ({@code --shards}) when one process would run out of file descriptors. For the client
 * nothing changes: the shards' port maps and known-hosts files are joined into the {@code
 * ports.tsv} and {@code known_hosts} a single simulator writes, and the counts are summed.
 */
final class SimFleet implements AutoCloseable {
  private final List<SimProcess> shards;

  private SimFleet(List<SimProcess> shards) {
    this.shards = shards;
  }

  /**
   * Starts {@code count} simulator processes over the same plan and waits until each is ready.
   *
   * @param log the log of shard 0; shard {@code i > 0} logs next to it with {@code -i} before the
   *     extension
   */
  static SimFleet start(
      int count,
      Path dir,
      List<String> jvmArgs,
      List<String> args,
      Map<String, String> env,
      Path log)
      throws IOException, InterruptedException {
    if (count == 1) {
      return new SimFleet(List.of(SimProcess.start(jvmArgs, args, env, log)));
    }
    List<SimProcess> started = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        List<String> shardArgs = new ArrayList<>(args);
        shardArgs.addAll(
            List.of("--shards", Integer.toString(count), "--shard", Integer.toString(i)));
        started.add(SimProcess.start(jvmArgs, shardArgs, env, shardLog(log, i)));
      }
      join(dir, count, "ports-%d.tsv", "ports.tsv");
      join(dir, count, "known_hosts-%d", "known_hosts");
      return new SimFleet(List.copyOf(started));
    } catch (IOException | InterruptedException | RuntimeException e) {
      started.forEach(SimProcess::close);
      throw e;
    }
  }

  private static Path shardLog(Path log, int shard) {
    if (shard == 0) {
      return log;
    }
    String name = log.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String shardName =
        dot < 0 ? name + "-" + shard : name.substring(0, dot) + "-" + shard + name.substring(dot);
    return log.resolveSibling(shardName);
  }

  private static void join(Path dir, int count, String partPattern, String whole)
      throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < count; i++) {
      sb.append(
          Files.readString(dir.resolve(String.format(partPattern, i)), StandardCharsets.UTF_8));
    }
    Files.writeString(dir.resolve(whole), sb, StandardCharsets.UTF_8);
  }

  int size() {
    return shards.size();
  }

  /** Shard 0's command line; the others differ only by {@code --shard}. */
  List<String> command() {
    return shards.get(0).command();
  }

  /** Every shard's READY line, joined with {@code " | "}. */
  String ready() {
    List<String> lines = new ArrayList<>();
    for (SimProcess s : shards) {
      lines.add(s.ready());
    }
    return String.join(" | ", lines);
  }

  /** The simulators' own counts, summed over the shards. */
  JsonNode stats() throws IOException, InterruptedException {
    ObjectNode sum = new ObjectMapper().createObjectNode();
    for (SimProcess s : shards) {
      JsonNode one = s.stats();
      for (Iterator<Map.Entry<String, JsonNode>> it = one.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        sum.put(f.getKey(), sum.path(f.getKey()).asLong(0) + f.getValue().asLong());
      }
    }
    return sum;
  }

  @Override
  public void close() {
    shards.forEach(SimProcess::close);
  }
}
