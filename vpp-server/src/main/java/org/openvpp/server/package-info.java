/**
 * The service's entry points behind {@code ./vpp}: {@link Main} ({@code serve}, {@code import},
 * {@code baseline}, {@code openadr}), the configuration of {@code serve} ({@code ServeConfig},
 * {@link ServiceSettings}) and {@link Launch}, which starts the service, its records, its HTTP face
 * and its VTN for partners.
 */
@NullMarked
package org.openvpp.server;

import org.jspecify.annotations.NullMarked;
