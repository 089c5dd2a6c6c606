package dev.lockstep.finding;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** An immutable, sorted (file, line, rule) list of findings without duplicates. */
public record Findings(List<Finding> items) {

  /** No findings. */
  public static final Findings NONE = new Findings(List.of());

  public Findings {
    items = items.stream().distinct().sorted().toList();
  }

  /** Findings from any collection. */
  public static Findings of(Collection<Finding> items) {
    return new Findings(List.copyOf(items));
  }

  /** Findings from varargs. */
  public static Findings of(Finding... items) {
    return new Findings(List.of(items));
  }

  /** Both lists, merged and sorted. */
  public Findings plus(Findings other) {
    if (other.items.isEmpty()) {
      return this;
    }
    List<Finding> all = new ArrayList<>(items);
    all.addAll(other.items);
    return new Findings(all);
  }

  /** True when any finding is an error. */
  public boolean hasErrors() {
    return any(Severity.ERROR);
  }

  /** True when any finding is at least as serious as {@code threshold}. */
  public boolean any(Severity threshold) {
    return items.stream().anyMatch(f -> f.severity().atLeast(threshold));
  }

  /** The number of findings per severity, every severity present (0 when none). */
  public Map<Severity, Integer> countBySeverity() {
    Map<Severity, Integer> counts = new TreeMap<>();
    for (Severity s : Severity.values()) {
      counts.put(s, 0);
    }
    items.forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
    return counts;
  }

  /** Only the findings in {@code file}. */
  public Findings inFile(String file) {
    return new Findings(items.stream().filter(f -> f.location().file().equals(file)).toList());
  }

  /** A stream of the findings. */
  public Stream<Finding> stream() {
    return items.stream();
  }

  /** True when there are none. */
  public boolean isEmpty() {
    return items.isEmpty();
  }

  /** How many there are. */
  public int size() {
    return items.size();
  }
}
