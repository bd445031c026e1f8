package io.vigil.soc.incident;

import java.util.UUID;

/** No incident with this id for this tenant (another tenant's incident is not found either). */
public class IncidentNotFoundException extends RuntimeException {
    public IncidentNotFoundException(UUID id) {
        super("no incident " + id);
    }
}
