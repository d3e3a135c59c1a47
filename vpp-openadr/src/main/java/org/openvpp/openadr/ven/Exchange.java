package org.openvpp.openadr.ven;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * One request of the VEN to the VTN and its answer, for observers (the conformance tests check
 * every one against the definition).
 *
 * @param method {@code GET}, {@code POST}, ...
 * @param operation the definition's path template, for example {@code /events} or {@code
 *     /vens/{venID}}
 * @param query the query string, without {@code ?} ({@code ""} when none)
 * @param request the JSON body sent, if any
 * @param status the HTTP status answered
 * @param response the JSON body answered (a JSON null when empty or not JSON)
 */
public record Exchange(
    String method,
    String operation,
    String query,
    Optional<JsonNode> request,
    int status,
    JsonNode response) {}
