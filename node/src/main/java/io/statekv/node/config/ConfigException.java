package io.statekv.node.config;

import java.util.List;

/** A config that cannot be used, with every problem found, each naming its field. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public ConfigException(String source, List<String> problems) {
    super(source + ": " + (problems.size() == 1 ? problems.get(0) : String.join("\n  ", prepend(problems))));
    this.problems = List.copyOf(problems);
  }

  private static List<String> prepend(List<String> problems) {
    return java.util.stream.Stream.concat(
            java.util.stream.Stream.of(problems.size() + " problems:"), problems.stream())
        .toList();
  }

  /** Each problem, as "field: what is wrong". */
  public List<String> problems() {
    return problems;
  }
}
