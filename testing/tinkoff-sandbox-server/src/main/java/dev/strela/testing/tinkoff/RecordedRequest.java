package dev.strela.testing.tinkoff;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One call that reached the server, faults included.
 *
 * @param fullMethodName e.g. {@code tinkoff.public.invest.api.contract.v1.OrdersService/PostOrder}
 * @param time           when it arrived, by the server's clock
 * @param headers        the request's text metadata, keys in lower case (binary headers are left out)
 */
public record RecordedRequest(String fullMethodName, Instant time, Map<String, String> headers) {

    public RecordedRequest {
        headers = Map.copyOf(headers);
    }

    /** The service part, e.g. {@code tinkoff.public.invest.api.contract.v1.OrdersService}. */
    public String service() {
        return fullMethodName.substring(0, fullMethodName.indexOf('/'));
    }

    /** The method part, e.g. {@code PostOrder}. */
    public String method() {
        return fullMethodName.substring(fullMethodName.indexOf('/') + 1);
    }

    /** A header by name, case-insensitive, e.g. {@code header("authorization")}. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }
}
