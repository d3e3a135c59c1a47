/**
 * The platform's records beside the service's: accounts, the audit log and the token key, in the
 * service's SQL database ({@code vpp-store}): embedded H2 for {@code ./vpp up}, PostgreSQL for
 * {@code ./vpp serve} ({@link org.openvpp.server.platform.Platform}); the register, events, meter
 * data and ledger are the service's ({@code org.openvpp.service.Records}).
 */
@NullMarked
package org.openvpp.server.platform;

import org.jspecify.annotations.NullMarked;
