package dev.strela.api.model;

/**
 * A signal could not be read from or written to JSON. The message is meant for a person
 * (what is wrong, which property, where); {@link #property()} names the JSON property when known.
 */
public class SignalFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String property;

    public SignalFormatException(String message, String property, Throwable cause) {
        super(message, cause);
        this.property = property;
    }

    /** The offending JSON property (snake_case, dotted path for nested values), or null when unknown. */
    public String property() {
        return property;
    }
}
