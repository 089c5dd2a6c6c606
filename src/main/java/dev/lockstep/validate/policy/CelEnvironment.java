package dev.lockstep.validate.policy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
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
    CelOptions options = CelOptions.current().comprehensionMaxIterations(limits.maxIterations()).build();
    // one compiler for conditions and messages (building one costs a noticeable share of a cold
    // start); the result type is checked after compiling
    compiler = compiler(options);
    runtime = CelRuntimeFactory.standardCelRuntimeBuilder()
        .setOptions(options)
        .addFunctionBindings(PolicyFunctions.bindings())
        .build();
  }

  private static CelCompiler compiler(CelOptions options) {
    return CelCompilerFactory.standardCelCompilerBuilder()
        .setOptions(options)
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
        .addVar(OBJECT, MapType.create(SimpleType.STRING, SimpleType.DYN))
        .addVar(SELF, SimpleType.DYN)
        .addVar(INDEX, SimpleType.INT)
        .addVar(CLUSTER, SimpleType.DYN)
        .addVar(RESOURCES, ListType.create(SimpleType.DYN))
        .addVar(CHANNELS, MapType.create(SimpleType.STRING, SimpleType.DYN))
        .addVar(BASE, SimpleType.DYN)
        .addFunctionDeclarations(PolicyFunctions.declarations())
        .build();
  }

  /**
   * A compiled expression and the policy variables it reads.
   *
   * @param program the program to evaluate
   * @param variables the names of the identifiers it references (variables and comprehension names)
   */
  record Compiled(CelRuntime.Program program, java.util.Set<String> variables) {}

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
        throw new CompileException("the expression returns " + type.name() + " where " + result.name() + " is expected");
      }
      java.util.Set<String> idents = dev.cel.common.navigation.CelNavigableAst.fromAst(ast).getRoot().allNodes()
          .filter(n -> n.expr().getKind() == dev.cel.common.ast.CelExpr.ExprKind.Kind.IDENT)
          .map(n -> n.expr().ident().name())
          .collect(java.util.stream.Collectors.toUnmodifiableSet());
      return new Compiled(runtime.createProgram(ast), idents);
    } catch (CelValidationException e) {
      throw new CompileException(e.getErrors().stream().map(CelEnvironment::describe).collect(Collectors.joining("; ")));
    } catch (CelEvaluationException e) {
      throw new CompileException(e.getMessage());
    }
  }

  private static String describe(CelIssue issue) {
    // CEL's own message starts with "ERROR: <input>:l:c: "; keep only the sentence
    String message = issue.getMessage();
    return "at " + issue.getSourceLocation().getLine() + ":" + (issue.getSourceLocation().getColumn() + 1) + ": " + message;
  }

  /** An expression that does not parse or type-check; the message names the position in the expression. */
  static final class CompileException extends Exception {
    CompileException(String message) {
      super(message, null, false, false);
    }
  }
}
