package dev.lockstep.validate.policy;

import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelRuntime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A boolean CEL expression over named variables of any type, compiled once with the same standard
 * library, Lockstep functions ({@code semver}, {@code weekdays}, ...) and evaluation limits as
 * repository policies. Health checks use it for their {@code custom} rules. Thread-safe.
 */
public final class CelPredicate {
  private final CelRuntime.Program program;
  private final PolicyLimits limits;

  private CelPredicate(CelRuntime.Program program, PolicyLimits limits) {
    this.program = program;
    this.limits = limits;
  }

  /**
   * Compiles {@code expression}, which may read {@code variables}.
   *
   * @throws InvalidExpressionException when it does not parse or type-check, or is not a bool; the
   *     message names the position inside the expression
   */
  public static CelPredicate compile(String expression, Set<String> variables, PolicyLimits limits)
      throws InvalidExpressionException {
    Map<String, CelType> types = new LinkedHashMap<>();
    variables.forEach(v -> types.put(v, SimpleType.DYN));
    try {
      return new CelPredicate(
          new CelEnvironment(limits, types).condition(expression).program(), limits);
    } catch (CelEnvironment.CompileException e) {
      throw new InvalidExpressionException(e.getMessage());
    }
  }

  /**
   * Evaluates the expression. Values are plain Java (maps, lists, strings, numbers, booleans,
   * null); integers are converted as CEL needs them.
   *
   * @return the result, or the reason there is none (an error, a cost limit, a non-bool result)
   */
  public Result test(Map<String, Object> variables) {
    Map<String, Object> converted = new LinkedHashMap<>();
    variables.forEach((k, v) -> converted.put(k, CelValues.convert(v)));
    try {
      Object value =
          CelEvaluation.eval(program, name -> Optional.ofNullable(converted.get(name)), limits);
      return value instanceof Boolean b
          ? new Result(Optional.of(b), "")
          : new Result(Optional.empty(), "returned " + value + ", not true or false");
    } catch (CelEvaluation.Failure e) {
      return new Result(Optional.empty(), e.getMessage());
    }
  }

  /**
   * What one evaluation gave.
   *
   * @param value the boolean, or empty when there is none
   * @param error why there is none; "" when there is a value
   */
  public record Result(Optional<Boolean> value, String error) {}

  /** An expression that does not compile. */
  public static final class InvalidExpressionException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidExpressionException(String message) {
      super(message);
    }
  }
}
