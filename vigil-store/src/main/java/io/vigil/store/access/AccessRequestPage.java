package io.vigil.store.access;

import java.util.List;

/**
 * A page of requests, newest first.
 *
 * @param nextBefore the {@code beforeSeq} of the next page, {@code null} on the last page
 */
public record AccessRequestPage(List<AccessRequest> items, Long nextBefore) {

    public AccessRequestPage {
        items = List.copyOf(items);
    }
}
