package io.netpool.monitor.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.netpool.monitor.check.CheckResultJson;
import io.netpool.monitor.inventory.ProbeSelection;
import io.netpool.monitor.outputs.SavedOutput;
import io.netpool.monitor.ping.PingPlatform;
import io.netpool.monitor.ping.PingResult;
import io.netpool.monitor.probe.sla.SlaType;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code netpool parse --platform P FILE}: parses saved ping output and prints the JSON result. */
@Command(
    name = "parse",
    mixinStandardHelpOptions = true,
    description = {
      "Parses a saved ping output (a device transcript) and prints the result as JSON.",
      "A file the monitor saved because it could not read it (state_dir/unparsed-outputs) names"
          + " its platform: -p is then not needed.",
      "Exits 0 even when the result's status is error: the parse itself worked."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:parsed (any status)", "1:file unreadable", "2:usage error"})
final class ParseCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-p", "--platform"},
      completionCandidates = PlatformNames.class,
      description =
          "Platform profile name or alias: ${COMPLETION-CANDIDATES} (and those of"
              + " NETPOOL_PLATFORMS_DIR). Required unless the file is a saved output; wins over"
              + " the file's.")
  String platform;

  @Option(
      names = "--probe",
      description =
          "ping or sla: which command's output the file is (default: ping, or sla for a saved"
              + " output of the platform's SLA command). sla prints what the SLA parser read.")
  String probe;

  @Parameters(paramLabel = "FILE", description = "The saved output; '-' reads standard input.")
  String file;

  @Override
  public Integer call() {
    PingPlatform given = platform == null ? null : platform(platform);
    String text;
    try {
      text =
          file.equals("-")
              ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
              : Files.readString(Path.of(file), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      spec.commandLine()
          .getErr()
          .println("netpool parse: cannot read " + file + ": " + e.getMessage());
      return 1;
    }
    PingPlatform p = given;
    if (SavedOutput.isSaved(text)) {
      SavedOutput saved;
      try {
        saved = SavedOutput.parse(text);
      } catch (IllegalArgumentException e) {
        spec.commandLine().getErr().println("netpool parse: " + file + ": " + e.getMessage());
        return 1;
      }
      p = p != null ? p : platform(saved.platform());
      text = saved.output();
      if (probe == null && SlaType.isSlaCommand(p.profile(), saved.command())) {
        probe = ProbeSelection.SLA;
      }
    }
    if (p == null) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--platform is required: " + file + " is not a saved netpool output");
    }
    PrintWriter out = spec.commandLine().getOut();
    if (ProbeSelection.SLA.equals(probe)) {
      try {
        out.println(
            new com.fasterxml.jackson.databind.ObjectMapper()
                .setSerializationInclusion(
                    com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                .writerWithDefaultPrettyPrinter()
                .writeValueAsString(SlaType.parse(p.profile(), text)));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      out.flush();
      return 0;
    }
    if (probe != null && !ProbeSelection.PING.equals(probe)) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--probe: '" + probe + "' is not ping or sla");
    }
    out.println(toJson(p.parse(text)));
    out.flush();
    return 0;
  }

  private PingPlatform platform(String name) {
    try {
      return PingPlatform.of(name);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /**
   * The result's JSON: numbers keep the device's decimals; RTTs are null without replies, the
   * distribution ({@code rttsMs}, median, stddev, jitter) null where the platform prints only a
   * summary.
   */
  static String toJson(PingResult r) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = CheckResultJson.FACTORY.createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeNumberField("sent", r.sent());
      g.writeNumberField("received", r.received());
      CheckResultJson.decimal(g, "lossPercent", r.lossPercent());
      CheckResultJson.rtts(g, r);
      g.writeStringField("status", r.status().wireName());
      g.writeStringField("error", r.error());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not throw
    }
    return out.toString();
  }
}
