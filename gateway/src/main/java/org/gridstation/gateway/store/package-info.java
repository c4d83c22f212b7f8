/**
 * The gateway's SQLite store: one writer connection (all writes serialised through
 * {@link org.gridstation.gateway.store.Database#write}), one reader connection, WAL, and the
 * schema created or migrated at start. Instants are stored as UTC epoch milliseconds.
 */
package org.gridstation.gateway.store;
