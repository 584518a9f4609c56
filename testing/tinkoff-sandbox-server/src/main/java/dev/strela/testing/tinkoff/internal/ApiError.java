package dev.strela.testing.tinkoff.internal;

import java.util.Arrays;
import java.util.Optional;

import io.grpc.Status;

/**
 * The Tinkoff error codes this server answers with. Tinkoff puts the numeric code in the gRPC status description
 * (the SDK reads it from there into {@code ApiRuntimeException.getCode()}) and a short English text in the
 * {@code message} trailer. The codes and status kinds follow the SDK's {@code errors.json}; the texts are ours.
 */
public enum ApiError {
    MISSING_FROM("30001", Status.Code.INVALID_ARGUMENT, "missing parameter: from"),
    MISSING_TO("30004", Status.Code.INVALID_ARGUMENT, "missing parameter: to"),
    MISSING_ID_TYPE("30006", Status.Code.INVALID_ARGUMENT, "missing parameter: id_type"),
    MISSING_ID("30007", Status.Code.INVALID_ARGUMENT, "missing parameter: id"),
    INVALID_INTERVAL("30011", Status.Code.INVALID_ARGUMENT, "interval is invalid"),
    TO_BEFORE_FROM("30012", Status.Code.INVALID_ARGUMENT, "to is before from"),
    CLASS_CODE_REQUIRED("30013", Status.Code.INVALID_ARGUMENT, "class_code is required for id_type ticker"),
    PERIOD_TOO_LONG("30014", Status.Code.INVALID_ARGUMENT, "period too long for the candle interval"),
    MISSING_QUANTITY("30015", Status.Code.INVALID_ARGUMENT, "quantity is missing or zero"),
    MISSING_PRICE("30017", Status.Code.INVALID_ARGUMENT, "missing parameter: price"),
    MISSING_DIRECTION("30019", Status.Code.INVALID_ARGUMENT, "missing parameter: direction"),
    MISSING_ACCOUNT_ID("30021", Status.Code.INVALID_ARGUMENT, "missing parameter: account_id"),
    MISSING_ORDER_TYPE("30025", Status.Code.INVALID_ARGUMENT, "missing parameter: order_type"),
    MISSING_ORDER_ID("30027", Status.Code.INVALID_ARGUMENT, "missing parameter: order_id"),
    NOT_ENOUGH_BALANCE("30034", Status.Code.INVALID_ARGUMENT, "not enough balance"),
    MISSING_STOP_PRICE("30036", Status.Code.INVALID_ARGUMENT, "missing parameter: stop_price"),
    MISSING_STOP_ORDER_TYPE("30037", Status.Code.INVALID_ARGUMENT, "missing parameter: stop_order_type"),
    INVALID_EXPIRE_DATE("30040", Status.Code.INVALID_ARGUMENT, "expire_date is invalid"),
    MISSING_EXPIRATION_TYPE("30043", Status.Code.INVALID_ARGUMENT, "missing parameter: expiration_type"),
    API_TRADING_FORBIDDEN("30052", Status.Code.INVALID_ARGUMENT, "instrument is not tradable through the API"),
    ORDER_ID_TOO_LONG("30055", Status.Code.INVALID_ARGUMENT, "order_id is longer than 36 characters"),
    DUPLICATE_ORDER("30057", Status.Code.INVALID_ARGUMENT, "duplicate order"),
    CANCEL_FAILED("30059", Status.Code.INVALID_ARGUMENT, "cancel order error"),
    PRICE_INCREMENT("30078", Status.Code.INVALID_ARGUMENT, "price is not a multiple of the price increment"),
    NOT_AVAILABLE_FOR_TRADING("30079", Status.Code.INVALID_ARGUMENT, "instrument is not available for trading"),
    NEGATIVE_QUANTITY("30080", Status.Code.INVALID_ARGUMENT, "quantity must be positive"),
    ACCOUNT_CLOSED("30081", Status.Code.INVALID_ARGUMENT, "account is closed"),
    MISSING_INSTRUMENT_ID("30093", Status.Code.INVALID_ARGUMENT, "missing parameter: figi or instrument_id"),
    NEGATIVE_PRICE("30100", Status.Code.INVALID_ARGUMENT, "price must be positive"),
    UNAUTHENTICATED("40003", Status.Code.UNAUTHENTICATED, "authentication token is missing or invalid"),
    INSTRUMENT_NOT_FOUND("50002", Status.Code.NOT_FOUND, "instrument not found"),
    ACCOUNT_NOT_FOUND("50004", Status.Code.NOT_FOUND, "account not found"),
    ORDER_NOT_FOUND("50005", Status.Code.NOT_FOUND, "order not found"),
    STOP_ORDER_NOT_FOUND("50006", Status.Code.NOT_FOUND, "stop order not found"),
    INTERNAL("70001", Status.Code.INTERNAL, "internal error"),
    REQUEST_LIMIT_EXCEEDED("80002", Status.Code.RESOURCE_EXHAUSTED, "request limit exceeded");

    private final String code;
    private final Status.Code status;
    private final String message;

    ApiError(String code, Status.Code status, String message) {
        this.code = code;
        this.status = status;
        this.message = message;
    }

    public String code() {
        return code;
    }

    public Status.Code status() {
        return status;
    }

    public String message() {
        return message;
    }

    public ApiException exception() {
        return new ApiException(this, "");
    }

    /** @param detail {@code key=value} pairs appended to the message, e.g. {@code "order_id=42"} */
    public ApiException exception(String detail) {
        return new ApiException(this, detail);
    }

    public static Optional<ApiError> byCode(String code) {
        return Arrays.stream(values()).filter(e -> e.code.equals(code)).findFirst();
    }
}
