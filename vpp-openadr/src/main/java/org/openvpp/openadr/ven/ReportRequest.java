package org.openvpp.openadr.ven;

/**
 * A report an event asks for (one of its {@code reportDescriptors}).
 *
 * @param payloadType what to report, as the Definition's "Report Enumerations" name it, for example
 *     {@code USAGE}, {@code BASELINE} or {@code DEMAND}
 * @param readingType how it was read, for example {@code DIRECT_READ} (empty when not given)
 * @param units the units asked for, for example {@code KWH} (empty when not given)
 */
public record ReportRequest(String payloadType, String readingType, String units) {}
