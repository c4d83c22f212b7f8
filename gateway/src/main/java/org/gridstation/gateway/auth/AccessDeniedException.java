package org.gridstation.gateway.auth;

/** The caller is signed in but may not do this (HTTP 403). */
public final class AccessDeniedException extends RuntimeException {
    public AccessDeniedException(String message) {
        super(message);
    }
}
