package dev.strela.testing.tinkoff;

/**
 * How PostOrder answers an {@code order_id} (idempotency key) it has already seen on the same account. Either way no
 * second order is created; Tinkoff has been seen doing both.
 */
public enum DuplicateOrderPolicy {
    /** Answer with the existing order's current state, as if the first call were repeated. */
    RETURN_EXISTING,
    /** Refuse with INVALID_ARGUMENT, code 30057. */
    REJECT
}
