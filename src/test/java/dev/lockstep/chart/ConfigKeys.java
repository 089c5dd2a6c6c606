package dev.lockstep.chart;

import dev.lockstep.server.LockstepConfig;
import io.smallrye.config.WithDefault;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The keys of {@link LockstepConfig}, read by reflection so that a key added to the configuration
 * tree shows up here (and in the chart tests) without anyone listing it.
 */
final class ConfigKeys {
  private ConfigKeys() {}

  /**
   * One leaf of the tree.
   *
   * @param accessors the accessor names from the root, e.g. [git, tokenFile] (the chart's values
   *     path)
   * @param defaultValue the {@code @WithDefault} value, if any
   */
  record Key(List<String> accessors, Optional<String> defaultValue) {
    /** The Quarkus property name, e.g. {@code lockstep.git.token-file}. */
    String property() {
      return "lockstep."
          + accessors.stream().map(ConfigKeys::kebab).collect(Collectors.joining("."));
    }

    /**
     * The environment variable Quarkus maps to the property, e.g. {@code LOCKSTEP_GIT_TOKEN_FILE}.
     */
    String env() {
      return property().toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * The dotted accessor path used in values.yaml under {@code config}, e.g. {@code
     * git.tokenFile}.
     */
    String valuesPath() {
      return String.join(".", accessors);
    }
  }

  /** Every leaf key, sorted by property name. */
  static List<Key> all() {
    List<Key> keys = new ArrayList<>();
    walk(LockstepConfig.class, List.of(), keys);
    keys.sort(Comparator.comparing(Key::property));
    return List.copyOf(keys);
  }

  private static void walk(Class<?> group, List<String> prefix, List<Key> into) {
    Method[] methods = group.getDeclaredMethods();
    Arrays.sort(methods, Comparator.comparing(Method::getName));
    for (Method method : methods) {
      if (Modifier.isStatic(method.getModifiers()) || method.isDefault() || method.isSynthetic()) {
        continue;
      }
      List<String> path = new ArrayList<>(prefix);
      path.add(method.getName());
      Class<?> type = method.getReturnType();
      if (type.isInterface() && type.getEnclosingClass() == LockstepConfig.class) {
        walk(type, path, into);
      } else {
        WithDefault withDefault = method.getAnnotation(WithDefault.class);
        into.add(
            new Key(List.copyOf(path), Optional.ofNullable(withDefault).map(WithDefault::value)));
      }
    }
  }

  static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }
}
