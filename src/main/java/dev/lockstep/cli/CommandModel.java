package dev.lockstep.cli;

import dev.lockstep.parse.LocalPath;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Declares Lockstep's picocli command models in code: a command's spec with the standard {@code
 * -h/--help} and {@code -V/--version} options, option and positional builders bound to a command's
 * fields through a setter. Built in code rather than read from annotations: picocli's reading of
 * annotations (proxies, reflection over fields, method-handle bindings) was 40 % of a short run.
 * Builds models only; never parses or runs anything.
 */
final class CommandModel {
  private CommandModel() {}

  /**
   * A command named {@code name} that runs {@code command}, with these description lines; its
   * declaration ends with {@link #withStandardHelp}.
   */
  static CommandSpec command(Object command, String name, String... description) {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
    spec.name(name);
    spec.usageMessage().description(description);
    return spec;
  }

  /**
   * {@code spec} with the standard {@code -h/--help} and {@code -V/--version} options added after
   * its own, named, described and ordered as picocli's {@code mixinStandardHelpOptions} does (a
   * command that keeps its declaration order lists them last).
   */
  static CommandSpec withStandardHelp(CommandSpec spec) {
    spec.addOption(
        OptionSpec.builder("-h", "--help")
            .usageHelp(true)
            .type(boolean.class)
            .description("Show this help message and exit.")
            .build());
    spec.addOption(
        OptionSpec.builder("-V", "--version")
            .versionHelp(true)
            .type(boolean.class)
            .description("Print version information and exit.")
            .build());
    return spec;
  }

  /** A {@code String} option named {@code name} that sets {@code field} when given. */
  static OptionSpec.Builder option(String name, Consumer<String> field) {
    return option(name, String.class, field);
  }

  /** An option named {@code name} whose value, converted to {@code type}, sets {@code field}. */
  static <T> OptionSpec.Builder option(String name, Class<T> type, Consumer<T> field) {
    Field<T> binding = new Field<>(field);
    return OptionSpec.builder(name)
        .type(type)
        .setter(binding)
        .getter(binding)
        // the field keeps its own initial value: picocli would otherwise reset it to null
        .hasInitialValue(false);
  }

  /** {@code -o, --output=FILE}: where a command writes its report instead of standard output. */
  static OptionSpec output(Consumer<Path> field, String description) {
    return option("-o", Path.class, field)
        .names("-o", "--output")
        .paramLabel("FILE")
        .description(description)
        .build();
  }

  /** A repeatable option named {@code name} collecting values of {@code element} into a list. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static <T> OptionSpec.Builder list(String name, Class<T> element, Consumer<List<T>> field) {
    return option(name, List.class, (Consumer) field).auxiliaryTypes(element);
  }

  /**
   * The required positional parameter at {@code index} whose value, converted to {@code type}, sets
   * {@code field} (an optional one says {@code .arity("0..1").required(false)}).
   */
  static <T> PositionalParamSpec.Builder positional(int index, Class<T> type, Consumer<T> field) {
    Field<T> binding = new Field<>(field);
    return PositionalParamSpec.builder()
        .index(Integer.toString(index))
        .required(true)
        .type(type)
        .setter(binding)
        .getter(binding)
        .hasInitialValue(false);
  }

  /**
   * The optional folder argument {@code DIR} that {@code init} and {@code import} write into: the
   * current folder when not given.
   */
  static PositionalParamSpec folder(
      Consumer<LocalPath> field, PathArgument paths, String description) {
    return positional(0, LocalPath.class, field)
        .arity("0..1")
        .required(false)
        .paramLabel("DIR")
        .defaultValue(".")
        .converters(paths)
        .description(description)
        .build();
  }

  /**
   * Binds an option to a command's field: picocli's setter and getter are generic methods, which a
   * lambda cannot implement. Keeps the last value set so that picocli can add to a repeatable
   * option's list.
   */
  static final class Field<T> implements ISetter, IGetter {
    private final Consumer<T> field;
    private Object value;

    Field(Consumer<T> field) {
      this.field = field;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> V set(V newValue) {
      Object previous = value;
      value = newValue;
      field.accept((T) newValue);
      return (V) previous;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> V get() {
      return (V) value;
    }
  }
}
