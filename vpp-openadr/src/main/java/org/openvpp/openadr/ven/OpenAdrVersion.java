package org.openvpp.openadr.ven;

/**
 * The OpenADR 3 versions the VEN speaks. What differs for a VEN (from the two OpenAPI definitions):
 *
 * <ul>
 *   <li>a ven: 3.1 posts a {@code VEN_VEN_REQUEST} ({@code objectType} required); 3.0.1 posts a
 *       {@code ven} without it;
 *   <li>targets: 3.1 writes strings and searches with {@code targets=}; 3.0.1 writes {@code
 *       valuesMap} objects and searches with {@code targetType}/{@code targetValues} (the VEN reads
 *       both; against 3.0.1 it searches by program only);
 *   <li>a report: 3.0.1 requires its {@code programID}; 3.1 has no such field;
 *   <li>the base path the definitions suggest ({@code /openadr3/3.0.1} and {@code 3.1.x}) is the
 *       caller's, in the VTN's URL; tokens ({@code POST /auth/token}, client credentials) are the
 *       same; {@code GET /auth/server} and {@code GET /notifiers} are 3.1 only (3.0.1: the token at
 *       {@code auth/token}, webhooks assumed).
 * </ul>
 */
public enum OpenAdrVersion {
  V3_0_1,
  V3_1
}
