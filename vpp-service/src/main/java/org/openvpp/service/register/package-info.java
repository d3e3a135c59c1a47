/**
 * The register that lasts: programs, customers, sites, devices, consents and enrolments, kept in
 * the database and changed through the API (one at a time, or a CSV import all or nothing).
 */
@NullMarked
package org.openvpp.service.register;

import org.jspecify.annotations.NullMarked;
