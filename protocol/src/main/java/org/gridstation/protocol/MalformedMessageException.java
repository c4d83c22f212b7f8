package org.gridstation.protocol;

/** An incoming payload that is not a valid message of the contract. Its message says why. */
public class MalformedMessageException extends RuntimeException {
    public MalformedMessageException(String message) {
        super(message);
    }

    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
