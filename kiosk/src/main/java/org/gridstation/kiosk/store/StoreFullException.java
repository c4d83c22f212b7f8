package org.gridstation.kiosk.store;

import java.nio.file.Path;
import java.sql.SQLException;

/** The kiosk database reached its size limit or the disk is full; the transaction was rolled back. */
public class StoreFullException extends RuntimeException {
    public StoreFullException(Path file, SQLException cause) {
        super("kiosk database " + file + " is full: " + cause.getMessage(), cause);
    }
}
