/**
 * Project finance for a fleet owner (docs/finance.md): a {@link org.openvpp.finance.Project} read
 * from its YAML {@link org.openvpp.finance.ProjectFile}, appraised by {@link
 * org.openvpp.finance.Appraisal#of} into yearly cash flows to the cent ({@link
 * org.openvpp.finance.Year}), NPV, IRR and payback ({@link org.openvpp.finance.Returns}), debt
 * service coverage, and the same again under each sensitivity {@link org.openvpp.finance.Case}.
 */
@NullMarked
package org.openvpp.finance;

import org.jspecify.annotations.NullMarked;
