/**
 * Immutable snapshots of the service for the API and the dashboard, made on the control thread and
 * read by any.
 */
@NullMarked
package org.openvpp.service.view;

import org.jspecify.annotations.NullMarked;
