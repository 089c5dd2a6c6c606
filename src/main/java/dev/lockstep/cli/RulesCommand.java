package dev.lockstep.cli;

import dev.lockstep.finding.Rule;
import dev.lockstep.validate.Rules;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lockstep rules}: every built-in rule id with its default severity and description. */
public final class RulesCommand implements Callable<Integer> {

  boolean markdown;
  CommandSpec spec;

  /** {@code rules}'s picocli model, bound to this command's fields. */
  CommandSpec model() {
    spec =
        CommandModel.command(
            this,
            "rules",
            "List every built-in rule id with its severity and a one-line description.");
    spec.addOption(
        CommandModel.option("--markdown", boolean.class, v -> markdown = v)
            .description("Print a Markdown table (as in docs/rules.md).")
            .build());
    return CommandModel.withStandardHelp(spec);
  }

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    int width = Rules.all().stream().mapToInt(r -> r.id().length()).max().orElse(10);
    if (markdown) {
      out.println("| rule | severity | what it checks |");
      out.println("|---|---|---|");
    }
    for (Rule r : Rules.all()) {
      if (markdown) {
        out.println(
            "| `"
                + r.id()
                + "` | "
                + r.severity().label()
                + " | "
                + r.description().replace("|", "\\|")
                + " |");
      } else {
        out.printf("%-" + width + "s  %-7s  %s%n", r.id(), r.severity().label(), r.description());
      }
    }
    out.flush();
    return ExitCodes.OK;
  }
}
