package dev.strela.testing.tinkoff.internal;

import java.util.function.Supplier;

import io.grpc.stub.StreamObserver;

/** Answers a unary call: the value, or the refusal as a Tinkoff-shaped status. */
final class Unary {
    private Unary() {
    }

    static <T> void reply(StreamObserver<T> observer, Supplier<T> body) {
        T answer;
        try {
            answer = body.get();
        } catch (ApiException refusal) {
            observer.onError(refusal.toStatusException());
            return;
        }
        observer.onNext(answer);
        observer.onCompleted();
    }
}
