package io.netpool.monitor.zabbix.setup;

import java.util.ArrayList;
import java.util.List;

/** What {@code netpool zabbix-setup} did (or, in a dry run, would do) and what it could not do. */
public final class SetupLog {
  private final boolean dryRun;
  private final List<String> actions = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();

  SetupLog(boolean dryRun) {
    this.dryRun = dryRun;
  }

  /** True when nothing is changed, only reported. */
  public boolean dryRun() {
    return dryRun;
  }

  void action(String text) {
    actions.add((dryRun ? "would " : "") + text);
  }

  void problem(String text) {
    problems.add(text);
  }

  /** The changes, in order ("would ..." in a dry run). */
  public List<String> actions() {
    return List.copyOf(actions);
  }

  /** What could not be set up, each naming the host and the reason. */
  public List<String> problems() {
    return List.copyOf(problems);
  }
}
