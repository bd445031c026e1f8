/**
 * Contract SLA clocks: the exact arithmetic of business time over a coverage calendar with holidays, DST and
 * pauses ({@code BusinessCalendar}, {@code SlaClocks}), the scheduler that raises each
 * {@link io.vigil.soc.ClockAlarm} exactly once, and monthly compliance. {@link io.vigil.soc.sla.SlaSubjects} is
 * the seam to incidents. Semantics in {@code docs/sla.md}.
 */
package io.vigil.soc.sla;
