package dev.strela.web.internal.auth;

/** Checks a user name and password, and that the user has the role the monitor requires. */
public interface Authenticator {

    /** True when the password is right and the user has the required role. Never throws for a wrong password. */
    boolean authenticate(String user, char[] password);
}
