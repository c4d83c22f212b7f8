package org.gridstation.kiosk.store;

import java.sql.SQLException;
import java.sql.Statement;

/** The tables of {@code outbox.db}. Created if missing; later versions add migrations here. */
final class Schema {
    private Schema() {
    }

    static void create(Statement s) throws SQLException {
        s.execute("CREATE TABLE IF NOT EXISTS counters ("
                + " name TEXT PRIMARY KEY,"
                + " value INTEGER NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS outbox ("
                + " seq INTEGER PRIMARY KEY,"
                + " id TEXT NOT NULL UNIQUE,"
                + " type TEXT NOT NULL,"
                + " payload BLOB NOT NULL,"
                + " created_ms INTEGER NOT NULL,"
                + " published_ms INTEGER,"
                + " priority INTEGER NOT NULL DEFAULT 0)");
        s.execute("CREATE TABLE IF NOT EXISTS on_duty ("
                + " person_id TEXT PRIMARY KEY,"
                + " badge_id TEXT NOT NULL,"
                + " name TEXT NOT NULL,"
                + " shift_id TEXT,"
                + " scheduled INTEGER NOT NULL,"
                + " since_ms INTEGER NOT NULL)");
    }
}
