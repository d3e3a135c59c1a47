/**
 * How a VTN tells clients of changes: webhook callbacks to subscriptions' callback URLs, and the
 * MQTT notifier binding that publishes every change to a broker's topics.
 */
@NullMarked
package org.openvpp.openadr.notify;

import org.jspecify.annotations.NullMarked;
