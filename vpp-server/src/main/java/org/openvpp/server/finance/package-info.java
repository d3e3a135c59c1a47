/**
 * {@code ./vpp finance}: an independent producer's project appraised from its project file ({@link
 * org.openvpp.server.finance.FinanceCommand}), printed as tables ({@link
 * org.openvpp.server.finance.FinanceReport}) or as one JSON object ({@link
 * org.openvpp.server.finance.FinanceJson}); the arithmetic is vpp-finance's.
 */
@NullMarked
package org.openvpp.server.finance;

import org.jspecify.annotations.NullMarked;
