package io.statekv.node.http.internal;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.statekv.protocol.v1.WatchCreateRequest;
import io.statekv.protocol.v1.WatchFilter;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The watch of a {@code GET /v1/watch} request: its filter from the query parameters, and where
 * it starts, from {@code Last-Event-ID} (the last revision the client saw, so the stream resumes
 * at the next one) or else {@code from_revision}. Only the shape is checked here; the filter's
 * rules (a known event type, a valid JSON pointer, a scope under a key) are the watch service's,
 * so that every transport refuses the same filters with the same message.
 */
record WatchQuery(WatchCreateRequest request) {
  static final String PATH = "/v1/watch";
  static final String LAST_EVENT_ID = "Last-Event-ID";

  /** Query parameters the endpoint knows; any other is refused, so that a typo never widens a watch. */
  static final Set<String> PARAMETERS = Set.of("scope", "key", "prefix", "types", "changed_path", "from_revision");
  /** Values one query parameter may repeat at most. */
  static final int PARAMETER_VALUES_MAX = 32;

  /**
   * @param uri the request's URI with its query
   * @param lastEventId the {@code Last-Event-ID} header, or null
   * @throws GatewayException with {@code invalid_argument} for an unknown or repeated parameter or
   *     a revision that is not a number
   */
  static WatchQuery parse(String uri, String lastEventId) {
    Map<String, List<String>> params = new QueryStringDecoder(uri).parameters();
    for (Map.Entry<String, List<String>> p : params.entrySet()) {
      if (!PARAMETERS.contains(p.getKey())) {
        throw GatewayException.invalid("unknown query parameter '" + p.getKey() + "' on " + PATH
            + "; known: scope, key, prefix, types, changed_path, from_revision");
      }
      if (p.getValue().size() > PARAMETER_VALUES_MAX) {
        throw GatewayException.invalid("query parameter '" + p.getKey() + "' given more than " + PARAMETER_VALUES_MAX + " times");
      }
    }
    WatchFilter.Builder filter = WatchFilter.newBuilder()
        .setScope(single(params, "scope"))
        .setKey(single(params, "key"))
        .setKeyPrefix(single(params, "prefix"));
    if (params.containsKey("prefix") && filter.getKeyPrefix().isEmpty()) {
      throw GatewayException.invalid("prefix is empty: leave it out to watch the whole scope");
    }
    for (String types : params.getOrDefault("types", List.of())) {
      for (String type : types.split(",", -1)) {
        filter.addEventTypes(type.startsWith("state:") ? type : "state:" + type);
      }
    }
    filter.addAllChangedPaths(params.getOrDefault("changed_path", List.of()));
    long start = lastEventId != null ? revision(LAST_EVENT_ID, lastEventId) + 1 : revision("from_revision", single(params, "from_revision"));
    return new WatchQuery(WatchCreateRequest.newBuilder().setFilter(filter).setStartRevision(start).setProgressNotify(true).build());
  }

  private static String single(Map<String, List<String>> params, String name) {
    List<String> values = params.getOrDefault(name, List.of());
    if (values.size() > 1) {
      throw GatewayException.invalid("query parameter '" + name + "' given " + values.size() + " times; give it once");
    }
    return values.isEmpty() ? "" : values.get(0);
  }

  private static long revision(String name, String text) {
    if (text.isEmpty()) {
      return 0;
    }
    try {
      long revision = Long.parseLong(text.trim());
      if (revision < 0) {
        throw GatewayException.invalid(name + " must not be negative, got " + text);
      }
      return revision;
    } catch (NumberFormatException e) {
      throw GatewayException.invalid(name + " must be a revision number, got '" + text + "'");
    }
  }
}
