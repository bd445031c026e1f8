/**
 * The recent-events view: the newest processed events of each tenant, bounded per tenant, kept in the
 * relational database until a full event store exists.
 */
package io.vigil.store.event;
