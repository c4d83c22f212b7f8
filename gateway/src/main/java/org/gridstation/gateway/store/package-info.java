/**
 * The gateway's store behind one interface, {@link org.gridstation.gateway.store.Database}: SQLite
 * for a town (one writer connection, one reader, WAL) and PostgreSQL for a county (a connection
 * pool, writes serialised across gateway instances by an advisory lock), each with its own schema
 * migrations in {@link org.gridstation.gateway.store.Schema}. Instants are stored as UTC epoch
 * milliseconds.
 */
package org.gridstation.gateway.store;
