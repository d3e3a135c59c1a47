/**
 * Who may use the service: accounts of people and machine clients with their roles ({@link
 * Accounts}, passwords and secrets as Argon2id hashes), signed tokens ({@link Tokens}), the login
 * throttle and the audit log. In memory, or the platform's SQL records (package {@code platform}).
 */
@NullMarked
package org.openvpp.server.security;

import org.jspecify.annotations.NullMarked;
