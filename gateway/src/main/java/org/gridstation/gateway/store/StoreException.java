package org.gridstation.gateway.store;

/** The store could not do what was asked (disk full, corrupt file, a bug in SQL). */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
