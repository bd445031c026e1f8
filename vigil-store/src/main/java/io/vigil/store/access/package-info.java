/**
 * Just-in-time access requests and the time-bounded grants they become: {@link io.vigil.store.access.AccessRequests}
 * (tenant-scoped; its state changes are conditional updates, so of two racing decisions exactly one wins) and
 * {@link io.vigil.store.access.JitGrants}, the {@link io.vigil.core.access.GrantSource} that adds approved grants to a
 * principal's access while they last.
 */
package io.vigil.store.access;
