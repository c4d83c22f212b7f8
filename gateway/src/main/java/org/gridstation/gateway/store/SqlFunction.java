package org.gridstation.gateway.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done on a connection inside {@link Database#read} or {@link Database#write}. */
@FunctionalInterface
public interface SqlFunction<T> {
    T apply(Connection c) throws SQLException;
}
