package io.statekv.storage;

import java.util.List;

/**
 * What one log entry produced.
 *
 * @param results one per request, in request order; a duplicate request gets its cached result
 * @param duplicates for each request, whether it was a retry answered from its session
 * @param events every change, in the order it happened
 */
public record ApplyOutput(List<Result> results, List<Boolean> duplicates, List<Event> events) {
  public ApplyOutput {
    results = List.copyOf(results);
    duplicates = List.copyOf(duplicates);
    events = List.copyOf(events);
  }
}
