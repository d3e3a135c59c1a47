/**
 * The HTTP face of the long-running service ({@link org.openvpp.service.Service}): the JSON API
 * under {@code /api/v1}, routes by resource (auth and accounts, sign-up, programs, customers,
 * sites, devices, consents, enrolments, imports, meter data, events, settlement, fleet views,
 * status, audit), its OpenAPI document, health and metrics, and the web pages. {@link HttpFace}
 * starts it; {@link Security} is who may use it. Docs: docs/api.md.
 */
@NullMarked
package org.openvpp.server.http;

import org.jspecify.annotations.NullMarked;
