package org.gridstation.gateway.store;

/** The two SQL engines the gateway stores in. Queries are written in SQL both understand. */
public enum Dialect {
    /** A town: one file, one writer. */
    SQLITE,
    /** A county: several gateway instances on one PostgreSQL database. */
    POSTGRESQL
}
