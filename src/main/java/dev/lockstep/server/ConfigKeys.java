package dev.lockstep.server;

import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The keys of {@link LockstepConfig}, read by reflection so that a key added to the configuration
 * tree shows up in the chart tests, docs/configuration.md and the start-up errors without anyone
 * listing it.
 */
public final class ConfigKeys {
  private ConfigKeys() {}

  /** The placeholder for the name of a map entry in a key's path. */
  public static final String NAME = "<name>";

  /**
   * One leaf of the tree.
   *
   * @param accessors the accessor names from the root, e.g. [git, tokenFile] (the chart's values
   *     path)
   * @param type the accessor's return type ({@code Optional} for optional keys)
   * @param valueType the type of the value itself (the {@code Optional}'s element type)
   * @param defaultValue the {@code @WithDefault} value, if any
   */
  public record Key(
      List<String> accessors, Class<?> type, Class<?> valueType, Optional<String> defaultValue) {
    /** The Quarkus property name, e.g. {@code lockstep.git.token-file}. */
    public String property() {
      return "lockstep."
          + accessors.stream().map(ConfigKeys::kebab).collect(Collectors.joining("."));
    }

    /**
     * The environment variable Quarkus maps to the property, e.g. {@code LOCKSTEP_GIT_TOKEN_FILE}.
     */
    public String env() {
      return ConfigKeys.env(property());
    }

    /**
     * The dotted accessor path used in values.yaml under {@code config}, e.g. {@code
     * git.tokenFile}.
     */
    public String valuesPath() {
      return String.join(".", accessors);
    }

    /**
     * True for a key of one entry of a named map, e.g. {@code lockstep.notify.sinks.<name>.type}:
     * written once per name, with the name in place of {@link #NAME}.
     */
    public boolean perName() {
      return accessors.contains(NAME);
    }

    /** This key for the entry {@code name}, e.g. {@code lockstep.notify.sinks.team.type}. */
    public String property(String name) {
      return property().replace(NAME, name);
    }

    /** The values an enum key accepts, as written in configuration; empty for other keys. */
    public List<String> allowedValues() {
      if (!valueType.isEnum()) {
        return List.of();
      }
      return Arrays.stream(valueType.getEnumConstants()).map(c -> label((Enum<?>) c)).toList();
    }
  }

  /** Every leaf key, sorted by property name. */
  public static List<Key> all() {
    List<Key> keys = new ArrayList<>();
    walk(LockstepConfig.class, List.of(), keys);
    keys.sort(Comparator.comparing(Key::property));
    return List.copyOf(keys);
  }

  /**
   * The key of a property name, if it is one of {@link LockstepConfig}'s; a key of a named map's
   * entry is found by any name ({@code lockstep.notify.sinks.team.type} is {@code
   * lockstep.notify.sinks.<name>.type}).
   */
  public static Optional<Key> find(String property) {
    return all().stream().filter(k -> matches(k, property)).findFirst();
  }

  private static boolean matches(Key key, String property) {
    if (!key.perName()) {
      return key.property().equals(property);
    }
    String[] parts = key.property().split(java.util.regex.Pattern.quote(NAME), -1);
    return property.startsWith(parts[0])
        && property.endsWith(parts[1])
        && property.length() > parts[0].length() + parts[1].length()
        && !property
            .substring(parts[0].length(), property.length() - parts[1].length())
            .contains(".");
  }

  /** How an enum constant is written in configuration: {@code SOURCE_BRANCH} is source-branch. */
  public static String label(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The environment variable of any property, as Quarkus maps them. */
  public static String env(String property) {
    return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9<>]", "_");
  }

  private static void walk(Class<?> group, List<String> prefix, List<Key> into) {
    Method[] methods = group.getDeclaredMethods();
    Arrays.sort(methods, Comparator.comparing(Method::getName));
    for (Method method : methods) {
      if (Modifier.isStatic(method.getModifiers()) || method.isDefault() || method.isSynthetic()) {
        continue;
      }
      List<String> path = new ArrayList<>(prefix);
      WithName name = method.getAnnotation(WithName.class);
      path.add(name == null ? method.getName() : name.value());
      Class<?> type = method.getReturnType();
      Optional<Class<?>> entries = mapGroup(method);
      if (isGroup(type)) {
        walk(type, path, into);
      } else if (entries.isPresent()) {
        path.add(NAME);
        walk(entries.get(), path, into);
      } else {
        WithDefault withDefault = method.getAnnotation(WithDefault.class);
        into.add(
            new Key(
                List.copyOf(path),
                type,
                valueType(method),
                Optional.ofNullable(withDefault).map(WithDefault::value)));
      }
    }
  }

  private static boolean isGroup(Class<?> type) {
    return type.isInterface() && type.getEnclosingClass() == LockstepConfig.class;
  }

  /** The group of a {@code Map<String, Group>} accessor, e.g. the notification sinks. */
  private static Optional<Class<?>> mapGroup(Method method) {
    if (method.getReturnType() == Map.class
        && method.getGenericReturnType() instanceof java.lang.reflect.ParameterizedType p
        && p.getActualTypeArguments()[1] instanceof Class<?> element
        && isGroup(element)) {
      return Optional.of(element);
    }
    return Optional.empty();
  }

  private static Class<?> valueType(Method method) {
    if (method.getReturnType() == Optional.class
        && method.getGenericReturnType() instanceof java.lang.reflect.ParameterizedType p
        && p.getActualTypeArguments()[0] instanceof Class<?> element) {
      return element;
    }
    return method.getReturnType();
  }

  static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }
}
