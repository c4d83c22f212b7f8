package org.gridstation.gateway.auth;

/** The request needs a signed-in account or an API token and has neither (HTTP 401). */
public final class NotSignedInException extends RuntimeException {
    public NotSignedInException(String message) {
        super(message);
    }
}
