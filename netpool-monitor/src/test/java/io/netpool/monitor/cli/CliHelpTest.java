package io.netpool.monitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Help texts wrap cleanly: each description entry is a whole paragraph that picocli wraps (a
 * sentence split over two entries would break mid-line), and no line of any command's help is wider
 * than the 80 columns it is rendered for.
 */
class CliHelpTest {
  private static List<CommandLine> everyCommand() {
    CommandLine top = new CommandLine(new NetpoolCommand());
    List<CommandLine> all = new ArrayList<>(List.of(top));
    for (Map.Entry<String, CommandLine> e : top.getSubcommands().entrySet()) {
      if (!all.contains(e.getValue())) {
        all.add(e.getValue());
      }
    }
    return all;
  }

  @Test
  void everyDescriptionEntryIsAWholeParagraph() {
    List<String> broken = new ArrayList<>();
    for (CommandLine cl : everyCommand()) {
      CommandSpec spec = cl.getCommandSpec();
      for (String paragraph : spec.usageMessage().description()) {
        String p = paragraph.strip();
        if (!p.isEmpty() && !p.matches("(?s).*[.:!?)]$")) {
          broken.add(spec.qualifiedName() + ": \"" + p + "\"");
        }
      }
    }
    assertThat(broken).as("description entries that end mid-sentence").isEmpty();
  }

  @Test
  void noHelpLineIsWiderThanEightyColumns() {
    assertThat(everyCommand()).hasSizeGreaterThanOrEqualTo(6);
    for (CommandLine cl : everyCommand()) {
      cl.setUsageHelpWidth(80);
      String help = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
      assertThat(help.lines())
          .as(cl.getCommandSpec().qualifiedName())
          .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    }
  }
}
