package io.statekv.chaos.checker;

import java.util.List;
import java.util.Optional;

/** The linearizability models the command line knows, by name. Stateless and thread-safe. */
public final class Models {
  private static final List<Model<?>> ALL = List.of(new CasRegister(), new KeyedCasRegister());

  private Models() {}

  /** The model with this name, if there is one. */
  public static Optional<Model<?>> byName(String name) {
    return ALL.stream().filter(model -> model.name().equals(name)).findFirst();
  }

  /** The names of every model, in a stable order. */
  public static List<String> names() {
    return ALL.stream().map(Model::name).toList();
  }
}
