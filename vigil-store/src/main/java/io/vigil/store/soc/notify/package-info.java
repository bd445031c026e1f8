/** Notification routes and the notification outbox (deliveries pending, delivered and dead). */
package io.vigil.store.soc.notify;
