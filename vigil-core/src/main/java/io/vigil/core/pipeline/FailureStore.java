package io.vigil.core.pipeline;

import java.util.List;

/** Keeps failures per tenant. Idempotent by {@link Failure#id()}: a replayed failure is stored once. */
public interface FailureStore {

    void record(List<Failure> failures);

    /** Makes everything recorded so far durable; see {@link Output#flush()}. */
    default void flush() {
    }
}
