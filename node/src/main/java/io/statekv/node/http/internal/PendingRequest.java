package io.statekv.node.http.internal;

import java.util.List;
import java.util.Map;

/**
 * A complete HTTP request, copied out of Netty's buffers so that it outlives them.
 *
 * @param method the method, upper case
 * @param path the path without the query
 * @param query the query parameters, decoded; empty when there is no query
 * @param body the body bytes (bounded by request_bytes_max)
 * @param keepAlive whether the connection stays open after the answer
 * @param forwarded whether another node forwarded the request here
 * @param startNanos when the request was complete, for the latency metric
 */
record PendingRequest(String method, String path, Map<String, List<String>> query, byte[] body, boolean keepAlive, boolean forwarded, long startNanos) {}
