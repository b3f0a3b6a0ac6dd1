package io.netpool.monitor.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One {@code netpool exec -c CONFIG ARGS...} in this JVM: exit code, stdout and stderr. */
record ExecRun(int code, String out, String err) {
  static ExecRun of(Path config, String... args) {
    List<String> all = new ArrayList<>(List.of("exec", "-c", config.toString()));
    all.addAll(List.of(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
    return new ExecRun(code, out.toString(), err.toString());
  }
}
