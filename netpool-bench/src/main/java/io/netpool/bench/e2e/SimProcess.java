package io.netpool.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The simulator's JVM ({@link SimHost}) as seen by the runner: start, ask for counts, stop. */
final class SimProcess implements AutoCloseable {
  private final ChildJvm jvm;
  private final String ready;

  private SimProcess(ChildJvm jvm, String ready) {
    this.jvm = jvm;
    this.ready = ready;
  }

  /** Starts the simulator and waits until its devices listen and its files are written. */
  static SimProcess start(
      List<String> jvmArgs, List<String> args, Map<String, String> env, Path log)
      throws IOException, InterruptedException {
    ChildJvm jvm = ChildJvm.start("sim", jvmArgs, SimHost.class.getName(), args, env, log);
    try {
      return new SimProcess(jvm, jvm.awaitLine("READY ", Duration.ofMinutes(2)));
    } catch (IOException | InterruptedException | RuntimeException e) {
      jvm.close();
      throw e;
    }
  }

  List<String> command() {
    return jvm.command();
  }

  /** The simulator's READY line (devices, startup time). */
  String ready() {
    return ready;
  }

  /** The simulator's own counts: sessions opened and refused, commands run. */
  JsonNode stats() throws IOException, InterruptedException {
    jvm.send("stats");
    return new ObjectMapper().readTree(jvm.awaitLine("STATS ", Duration.ofSeconds(30)));
  }

  @Override
  public void close() {
    try {
      jvm.send("stop");
      jvm.waitFor(Duration.ofSeconds(20));
    } catch (IOException e) {
      // already gone
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      jvm.close();
    }
  }
}
