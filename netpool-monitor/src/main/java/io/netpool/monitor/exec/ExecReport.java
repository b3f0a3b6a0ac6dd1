package io.netpool.monitor.exec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netpool.monitor.check.FailureKind;
import java.io.PrintWriter;
import java.util.List;

/**
 * The output of {@code netpool exec}: text for people (a header per device, then each command's
 * output) or one JSON document for scripts. Devices in the order given (inventory order), never in
 * completion order. docs/monitor.md, "netpool exec", shows both.
 */
public final class ExecReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ExecReport() {}

  /**
   * Per device: {@code == id host:port platform protocol}, then per command {@code -- command}
   * (with {@code [kind] error} when it failed) and its output; a device without a session gets one
   * {@code !! kind: error} line.
   */
  public static void text(List<DeviceResult> results, PrintWriter out) {
    for (DeviceResult d : results) {
      out.println(
          "== "
              + d.device()
              + "  "
              + d.host()
              + ":"
              + d.port()
              + "  "
              + d.platform()
              + "  "
              + d.protocol()
              + (d.ok() ? "" : "  FAILED (" + FailureKind.wireName(d.firstFailure()) + ")"));
      if (d.sessionFailure() != null) {
        out.println("!! " + FailureKind.wireName(d.sessionFailure()) + ": " + d.sessionError());
      }
      for (CommandResult c : d.commands()) {
        out.println(
            "-- "
                + c.command()
                + (c.ok() ? "" : "  [" + FailureKind.wireName(c.failure()) + "] " + c.error()));
        if (c.output() != null && !c.output().isEmpty()) {
          out.print(c.output());
          if (!c.output().endsWith("\n")) {
            out.println();
          }
        }
      }
    }
    out.flush();
  }

  /** One line on stderr after the text: how many devices, how many failed and which. */
  public static String summary(List<DeviceResult> results) {
    List<String> failed = results.stream().filter(d -> !d.ok()).map(DeviceResult::device).toList();
    return results.size()
        + (results.size() == 1 ? " device, " : " devices, ")
        + failed.size()
        + " failed"
        + (failed.isEmpty() ? "" : ": " + String.join(", ", failed));
  }

  /**
   * One JSON document: {@code {"ok":..,"devices":[{"device","host","port","platform","protocol",
   * "ok","failure","error","sessionMs","commands":[{"command","ok","output","failure","error",
   * "started","elapsedMs"}]}]}}; failure names are the wire names of docs/monitor.md.
   */
  public static String json(List<DeviceResult> results) {
    ObjectNode root = JSON.createObjectNode();
    root.put("ok", results.stream().allMatch(DeviceResult::ok));
    ArrayNode devices = root.putArray("devices");
    for (DeviceResult d : results) {
      ObjectNode n = devices.addObject();
      n.put("device", d.device());
      n.put("host", d.host());
      n.put("port", d.port());
      n.put("platform", d.platform());
      n.put("protocol", d.protocol());
      n.put("ok", d.ok());
      n.put("failure", FailureKind.wireName(d.sessionFailure()));
      n.put("error", d.sessionError());
      n.put("sessionMs", d.sessionWait().toMillis());
      ArrayNode commands = n.putArray("commands");
      for (CommandResult c : d.commands()) {
        ObjectNode cn = commands.addObject();
        cn.put("command", c.command());
        cn.put("ok", c.ok());
        cn.put("output", c.output());
        cn.put("failure", FailureKind.wireName(c.failure()));
        cn.put("error", c.error());
        cn.put("started", c.started() == null ? null : c.started().toString());
        cn.put("elapsedMs", c.elapsed().toMillis());
      }
    }
    return root.toString();
  }
}
