package io.vigil.soc.notify;

import io.vigil.core.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The outbox: deliveries pending, delivered and dead. */
public interface Deliveries {

    /** Inserts or replaces the delivery with this id. */
    Delivery save(TenantId tenant, Delivery delivery);

    Optional<Delivery> find(TenantId tenant, UUID id);

    /** Every tenant's pending deliveries due at {@code now}, oldest first, at most {@code limit}. */
    List<Delivery> due(Instant now, int limit);

    /** The tenant's deliveries in this state, newest first. */
    List<Delivery> list(TenantId tenant, Delivery.State state, int limit);
}
