package dev.lockstep.cli;

import dev.lockstep.finding.Finding;
import dev.lockstep.parse.DirectoryTree;
import dev.lockstep.parse.LocalPath;
import dev.lockstep.validate.policy.PolicyDirectory;
import dev.lockstep.validate.policy.PolicyEngine;
import dev.lockstep.validate.policy.PolicyTestSuite;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lockstep policy ...}: work with CEL policies. */
public final class PolicyCommand implements Runnable {
  CommandSpec spec;

  /**
   * {@code policy}'s picocli model with its subcommand {@code test}, paths resolved by {@code
   * paths}.
   */
  CommandSpec model(PathArgument paths) {
    spec =
        CommandModel.withStandardHelp(
            CommandModel.command(this, "policy", "Work with CEL policies."));
    spec.addSubcommand("test", new Test().model(paths));
    return spec;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (test)");
  }

  /**
   * {@code lockstep policy test DIR}: runs the {@code *_test.yaml} cases beside the policies of DIR
   * and prints PASS or FAIL per case. Exit 0 when every case passes, 1 when any fails or a policy
   * does not load, 2 when DIR is missing or holds no cases, 3 when it cannot be read.
   */
  public static final class Test implements Callable<Integer> {
    CommandSpec spec;
    LocalPath dir;

    /**
     * {@code policy test}'s picocli model, bound to this command's fields, paths resolved by {@code
     * paths}.
     */
    CommandSpec model(PathArgument paths) {
      spec =
          CommandModel.command(
              this,
              "test",
              "Run the *_test.yaml cases beside the policies in DIR (like conftest verify).");
      spec.addPositional(
          CommandModel.positional(0, LocalPath.class, v -> dir = v)
              .paramLabel("DIR")
              .converters(paths)
              .description("Folder of lockstep_policy files and their *_test.yaml cases.")
              .build());
      return CommandModel.withStandardHelp(spec);
    }

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (!dir.isDirectory()) {
        err.println("lockstep: " + dir + " is not a directory");
        return ExitCodes.USAGE;
      }
      PolicyDirectory directory;
      try {
        directory =
            PolicyDirectory.read(
                new DirectoryTree(dir.location(), dir.shownPrefix(), "working tree"));
      } catch (IOException e) {
        err.println("lockstep: cannot read " + dir + ": " + e.getMessage());
        return ExitCodes.UNAVAILABLE;
      }
      PolicyTestSuite.Report report = PolicyTestSuite.run(directory, new PolicyEngine());
      out.print(render(report));
      out.flush();
      if (report.cases().isEmpty() && report.findings().isEmpty()) {
        err.println("lockstep: no *_test.yaml cases in " + dir);
        return ExitCodes.USAGE;
      }
      return report.passed() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }
  }

  /**
   * The report as text: findings first (compiler style), then one line per case, then a summary.
   */
  static String render(PolicyTestSuite.Report report) {
    StringBuilder sb = new StringBuilder();
    for (Finding f : report.findings().items()) {
      sb.append(f).append('\n');
    }
    int failed = 0;
    for (PolicyTestSuite.CaseResult c : report.cases()) {
      boolean passed = c.passed();
      if (!passed) {
        failed++;
      }
      sb.append(passed ? "PASS " : "FAIL ")
          .append(c.location())
          .append(' ')
          .append(c.name())
          .append('\n');
      if (!passed) {
        if (!c.problem().isEmpty()) {
          sb.append("     cannot run: ").append(c.problem()).append('\n');
        } else {
          sb.append("     expected:")
              .append(c.expected().isEmpty() ? " (no violations)" : "")
              .append('\n');
          c.expected().forEach(e -> sb.append("       ").append(e).append('\n'));
          sb.append("     got:")
              .append(c.actual().isEmpty() ? " (no violations)" : "")
              .append('\n');
          for (int i = 0; i < c.actual().size(); i++) {
            sb.append("       ")
                .append(c.actual().get(i))
                .append(": ")
                .append(c.messages().get(i))
                .append('\n');
          }
        }
      }
    }
    sb.append(report.cases().size())
        .append(report.cases().size() == 1 ? " case: " : " cases: ")
        .append(report.cases().size() - failed)
        .append(" passed, ")
        .append(failed)
        .append(" failed");
    if (!report.findings().isEmpty()) {
      sb.append("; ")
          .append(report.findings().size())
          .append(report.findings().size() == 1 ? " problem" : " problems")
          .append(" with the policies or tests");
    }
    return sb.append('\n').toString();
  }
}
