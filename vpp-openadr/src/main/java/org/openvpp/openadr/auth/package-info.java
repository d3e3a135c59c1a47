/**
 * OAuth2 client credentials for the VTN: the clients it knows (business logic or VEN) with their
 * salted, hashed secrets, the scopes of the definition, and the signed access tokens it issues.
 */
@NullMarked
package org.openvpp.openadr.auth;

import org.jspecify.annotations.NullMarked;
