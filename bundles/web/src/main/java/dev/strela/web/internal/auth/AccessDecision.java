package dev.strela.web.internal.auth;

/** What the security filter does with a request. */
public sealed interface AccessDecision {

    /** Let it through; {@code user} is null for the public login page and its assets. */
    record Allow(WebUser user) implements AccessDecision {
    }

    /** Answer {@code status} (401 or 403) with an error {@code code} and a message for people. */
    record Deny(int status, String code, String message) implements AccessDecision {
    }
}
