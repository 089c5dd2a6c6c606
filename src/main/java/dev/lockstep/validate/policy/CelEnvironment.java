package dev.lockstep.validate.policy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The CEL compiler and runtime for policies: the standard library and macros, the policy variables
 * and {@link PolicyFunctions}. Built once per engine; thread-safe.
 */
final class CelEnvironment {
  /** Names of the variables a policy expression sees. */
  static final String OBJECT = "object";

  static final String SELF = "self";
  static final String INDEX = "index";
  static final String CLUSTER = "cluster";
  static final String RESOURCES = "resources";
  static final String CHANNELS = "channels";
  static final String BASE = "base";

  private final CelCompiler compiler;
  private final CelRuntime runtime;

  CelEnvironment(PolicyLimits limits) {
    this(
        limits,
        Map.of(
            OBJECT, MapType.create(SimpleType.STRING, SimpleType.DYN),
            SELF, SimpleType.DYN,
            INDEX, SimpleType.INT,
            CLUSTER, SimpleType.DYN,
            RESOURCES, ListType.create(SimpleType.DYN),
            CHANNELS, MapType.create(SimpleType.STRING, SimpleType.DYN),
            BASE, SimpleType.DYN));
  }

  /**
   * The same standard library, macros, functions and limits over other variables (health checks
   * read {@code rollout}, {@code group}, ... instead of a document).
   */
  CelEnvironment(PolicyLimits limits, Map<String, CelType> variables) {
    CelOptions options =
        CelOptions.current().comprehensionMaxIterations(limits.maxIterations()).build();
    // one compiler for conditions and messages (building one costs a noticeable share of a cold
    // start); the result type is checked after compiling
    compiler = compiler(options, variables);
    runtime =
        CelRuntimeFactory.standardCelRuntimeBuilder()
            .setOptions(options)
            .addFunctionBindings(PolicyFunctions.bindings())
            .build();
  }

  private static CelCompiler compiler(CelOptions options, Map<String, CelType> variables) {
    var builder =
        CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(options)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS);
    new java.util.TreeMap<>(variables).forEach(builder::addVar);
    return builder.addFunctionDeclarations(PolicyFunctions.declarations()).build();
  }

  /**
   * A compiled expression and what it reads of the variables that differ between clusters.
   *
   * @param program the program to evaluate
   * @param reads the per-cluster inputs the result can depend on (see {@link ContextRead})
   * @param readsDocument whether it reads {@code object}, {@code self} or {@code index}: if not,
   *     the result does not depend on the document it runs on either
   */
  record Compiled(CelRuntime.Program program, Set<ContextRead> reads, boolean readsDocument) {}

  /** The variables that follow from the document and field a rule runs on. */
  static final Set<String> DOCUMENT_VARIABLES = Set.of(OBJECT, SELF, INDEX);

  /**
   * One per-cluster input of an expression: a field of {@code cluster} or {@code base} ({@code
   * cluster.control_plane_version}), or a whole variable ({@code resources}, or {@code cluster}
   * used other than through a field). {@code object}, {@code self} and {@code index} follow from
   * the document and the field path; {@code channels} is the same for the whole revision. A CEL
   * expression is a pure function of these, which is what lets equal inputs share one evaluation.
   *
   * @param variable {@link #CLUSTER}, {@link #RESOURCES} or {@link #BASE}
   * @param field the field selected on it, or null for the whole value
   */
  record ContextRead(String variable, String field) implements Comparable<ContextRead> {
    @Override
    public int compareTo(ContextRead o) {
      int c = variable.compareTo(o.variable);
      return c != 0 ? c : String.valueOf(field).compareTo(String.valueOf(o.field));
    }
  }

  /** The variables whose value differs between clusters of one revision. */
  static final Set<String> CONTEXT_VARIABLES = Set.of(CLUSTER, RESOURCES, BASE);

  /**
   * What an expression reads of {@link #CONTEXT_VARIABLES}: {@code v.f} (a field select, also
   * inside {@code has()}) reads field {@code f}; any other use reads all of {@code v}. If a
   * comprehension names its own variable like one of them, every use counts as whole (a superset of
   * what is read, so still safe).
   */
  static Set<ContextRead> contextReads(List<CelNavigableExpr> nodes) {
    boolean shadowed =
        nodes.stream()
            .filter(n -> n.expr().getKind() == CelExpr.ExprKind.Kind.COMPREHENSION)
            .map(n -> n.expr().comprehension())
            .anyMatch(
                c ->
                    CONTEXT_VARIABLES.contains(c.iterVar())
                        || CONTEXT_VARIABLES.contains(c.iterVar2())
                        || CONTEXT_VARIABLES.contains(c.accuVar()));
    Set<ContextRead> reads = new TreeSet<>();
    for (CelNavigableExpr n : nodes) {
      if (n.expr().getKind() != CelExpr.ExprKind.Kind.IDENT
          || !CONTEXT_VARIABLES.contains(n.expr().ident().name())) {
        continue;
      }
      String variable = n.expr().ident().name();
      String field =
          shadowed
              ? null
              : n.parent()
                  .filter(
                      p ->
                          p.expr().getKind() == CelExpr.ExprKind.Kind.SELECT
                              && p.expr().select().operand().id() == n.expr().id())
                  .map(p -> p.expr().select().field())
                  .orElse(null);
      reads.add(new ContextRead(variable, field));
    }
    return Collections.unmodifiableSet(reads);
  }

  /** A compiled condition (must be a bool). */
  Compiled condition(String expression) throws CompileException {
    return compile(expression, SimpleType.BOOL);
  }

  /** A compiled message expression (must be a string). */
  Compiled message(String expression) throws CompileException {
    return compile(expression, SimpleType.STRING);
  }

  private Compiled compile(String expression, CelType result) throws CompileException {
    try {
      CelAbstractSyntaxTree ast = compiler.compile(expression).getAst();
      CelType type = ast.getResultType();
      if (!type.equals(result) && !type.equals(SimpleType.DYN)) {
        throw new CompileException(
            "the expression returns " + type.name() + " where " + result.name() + " is expected");
      }
      List<CelNavigableExpr> nodes = CelNavigableAst.fromAst(ast).getRoot().allNodes().toList();
      boolean readsDocument =
          nodes.stream()
              .anyMatch(
                  n ->
                      n.expr().getKind() == CelExpr.ExprKind.Kind.IDENT
                          && DOCUMENT_VARIABLES.contains(n.expr().ident().name()));
      return new Compiled(runtime.createProgram(ast), contextReads(nodes), readsDocument);
    } catch (CelValidationException e) {
      throw new CompileException(
          e.getErrors().stream().map(CelEnvironment::describe).collect(Collectors.joining("; ")));
    } catch (CelEvaluationException e) {
      throw new CompileException(e.getMessage());
    }
  }

  private static String describe(CelIssue issue) {
    // CEL's own message starts with "ERROR: <input>:l:c: "; keep only the sentence
    String message = issue.getMessage();
    return "at "
        + issue.getSourceLocation().getLine()
        + ":"
        + (issue.getSourceLocation().getColumn() + 1)
        + ": "
        + message;
  }

  /**
   * An expression that does not parse or type-check; the message names the position in the
   * expression.
   */
  static final class CompileException extends Exception {
    CompileException(String message) {
      super(message, null, false, false);
    }
  }
}
