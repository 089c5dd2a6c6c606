package dev.lockstep.validate.policy;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelEvaluationListener;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;

/**
 * One bounded evaluation of a compiled CEL program: stops past {@link PolicyLimits#maxSteps()}
 * evaluated nodes or {@link PolicyLimits#maxIterations()} comprehension steps, and turns CEL's
 * errors into one sentence. Shared by repository policies and health checks, so both obey the same
 * limits.
 */
final class CelEvaluation {
  private CelEvaluation() {}

  /** Evaluates {@code program} over {@code variables} within {@code limits}. */
  static Object eval(CelRuntime.Program program, CelVariableResolver variables, PolicyLimits limits)
      throws Failure {
    StepCounter counter = new StepCounter(limits.maxSteps());
    try {
      return program.trace(variables, counter);
    } catch (CelEvaluationException | RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof StepLimitExceeded) {
          throw new Failure(
              "exceeded the evaluation cost limit (" + limits.maxSteps() + " steps)", true);
        }
        if (t.getMessage() != null && t.getMessage().contains("Iteration budget exceeded")) {
          throw new Failure(
              "exceeded the evaluation cost limit ("
                  + limits.maxIterations()
                  + " comprehension iterations)",
              true);
        }
        if (t instanceof PolicyFunctions.PolicyFunctionException) {
          throw new Failure("could not be evaluated: " + t.getMessage(), false);
        }
      }
      Throwable root = e;
      while (root.getCause() != null && root.getCause().getMessage() != null) {
        root = root.getCause();
      }
      throw new Failure("could not be evaluated: " + cleanMessage(root.getMessage()), false);
    }
  }

  private static String cleanMessage(String message) {
    if (message == null) {
      return "unknown error";
    }
    // "evaluation error at <input>:11: key 'x' is not present in map." -> the sentence
    return message
        .replaceFirst("^evaluation error at <input>:\\d+: ", "")
        .replaceAll("\\s+", " ")
        .strip();
  }

  /** Counts evaluated nodes and stops the evaluation past the limit. */
  private static final class StepCounter implements CelEvaluationListener {
    private final long max;
    private long steps;

    StepCounter(long max) {
      this.max = max;
    }

    @Override
    public void callback(dev.cel.common.ast.CelExpr expr, Object result) {
      if (++steps > max) {
        throw new StepLimitExceeded();
      }
    }
  }

  private static final class StepLimitExceeded extends RuntimeException {
    StepLimitExceeded() {
      super("step limit exceeded", null, false, false);
    }
  }

  /** An evaluation that did not produce a value; the message says why in one sentence. */
  static final class Failure extends Exception {
    final boolean costLimit;

    Failure(String message, boolean costLimit) {
      super(message, null, false, false);
      this.costLimit = costLimit;
    }
  }
}
