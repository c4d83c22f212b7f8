package org.gridstation.gateway.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** The schema, as a list of migrations; {@code schema_version} records how many have run. */
final class Schema {
    private static final List<String> MIGRATIONS = List.of("""
            CREATE TABLE grids (id TEXT PRIMARY KEY, parent_id TEXT REFERENCES grids(id), name TEXT NOT NULL,
                level INTEGER NOT NULL);
            CREATE TABLE stations (id TEXT PRIMARY KEY, name TEXT NOT NULL, grid_id TEXT NOT NULL REFERENCES grids(id),
                services TEXT NOT NULL);
            CREATE TABLE people (id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL,
                grid_id TEXT NOT NULL REFERENCES grids(id), phone TEXT, duties TEXT);
            CREATE TABLE badges (badge_id TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES people(id),
                key_id TEXT NOT NULL, issued_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, revoked_at INTEGER);
            CREATE INDEX badges_person ON badges(person_id);
            CREATE TABLE shifts (id TEXT PRIMARY KEY, station_id TEXT NOT NULL REFERENCES stations(id),
                label TEXT NOT NULL, local_date TEXT NOT NULL, start_utc INTEGER NOT NULL, end_utc INTEGER NOT NULL,
                required INTEGER NOT NULL);
            CREATE INDEX shifts_date ON shifts(local_date, station_id);
            CREATE TABLE shift_volunteers (shift_id TEXT NOT NULL REFERENCES shifts(id) ON DELETE CASCADE,
                person_id TEXT NOT NULL REFERENCES people(id), PRIMARY KEY (shift_id, person_id));
            CREATE TABLE events (id TEXT PRIMARY KEY, station_id TEXT NOT NULL, seq INTEGER NOT NULL,
                type TEXT NOT NULL, person_id TEXT, device_time INTEGER NOT NULL, received_at INTEGER NOT NULL,
                payload TEXT NOT NULL);
            CREATE INDEX events_station_seq ON events(station_id, seq);
            CREATE INDEX events_person ON events(station_id, person_id, seq);
            CREATE TABLE duty_sessions (station_id TEXT NOT NULL, person_id TEXT NOT NULL, badge_id TEXT NOT NULL,
                shift_id TEXT, scheduled INTEGER NOT NULL, in_event_id TEXT NOT NULL, in_seq INTEGER NOT NULL,
                in_at INTEGER NOT NULL, in_device_time INTEGER NOT NULL, out_event_id TEXT, out_seq INTEGER,
                out_at INTEGER, PRIMARY KEY (station_id, person_id, in_seq));
            CREATE INDEX duty_open ON duty_sessions(station_id, out_at);
            CREATE TABLE incidents (id TEXT PRIMARY KEY, station_id TEXT NOT NULL, grid_id TEXT, category TEXT NOT NULL,
                severity TEXT NOT NULL, status TEXT NOT NULL, phone TEXT, note TEXT, anonymous INTEGER NOT NULL,
                created_at INTEGER NOT NULL, reported_at INTEGER NOT NULL, event_id TEXT NOT NULL);
            CREATE INDEX incidents_station ON incidents(station_id, status);
            CREATE TABLE ticket_feedback (event_id TEXT PRIMARY KEY, ticket TEXT NOT NULL, rating TEXT NOT NULL,
                received_at INTEGER NOT NULL);
            CREATE TABLE station_state (station_id TEXT PRIMARY KEY, status_online INTEGER NOT NULL,
                last_seen INTEGER, status_at INTEGER, health TEXT);
            CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE downlink_state (topic TEXT PRIMARY KEY, version INTEGER NOT NULL, digest TEXT NOT NULL);
            """, """
            -- who is on duty anywhere, read every second for the town's on-duty list: only open sessions
            CREATE INDEX duty_open_everywhere ON duty_sessions(station_id, in_at) WHERE out_at IS NULL;
            """, """
            -- incidents: the lifecycle, the escalation ladder, whistles to departments, webhooks
            ALTER TABLE incidents ADD COLUMN level TEXT NOT NULL DEFAULT 'team';
            ALTER TABLE incidents ADD COLUMN updated_at INTEGER;
            ALTER TABLE incidents ADD COLUMN accepted_at INTEGER;
            ALTER TABLE incidents ADD COLUMN on_site_at INTEGER;
            ALTER TABLE incidents ADD COLUMN resolved_at INTEGER;
            ALTER TABLE incidents ADD COLUMN closed_at INTEGER;
            ALTER TABLE incidents ADD COLUMN outcome TEXT;
            ALTER TABLE incidents ADD COLUMN duplicate_of TEXT;
            ALTER TABLE incidents ADD COLUMN status_note TEXT;
            ALTER TABLE incidents ADD COLUMN rating TEXT;
            ALTER TABLE incidents ADD COLUMN rated_at INTEGER;
            UPDATE incidents SET updated_at = created_at WHERE updated_at IS NULL;
            UPDATE incidents SET status = 'dispatched' WHERE status = 'escalated';
            CREATE INDEX incidents_created ON incidents(created_at);
            CREATE INDEX incidents_duplicate ON incidents(duplicate_of) WHERE duplicate_of IS NOT NULL;
            CREATE TABLE incident_steps (id INTEGER PRIMARY KEY AUTOINCREMENT,
                incident_id TEXT NOT NULL REFERENCES incidents(id), at INTEGER NOT NULL, actor TEXT NOT NULL,
                action TEXT NOT NULL, status TEXT NOT NULL, level TEXT NOT NULL, detail TEXT);
            CREATE INDEX incident_steps_incident ON incident_steps(incident_id, id);
            CREATE TABLE incident_timers (id INTEGER PRIMARY KEY AUTOINCREMENT,
                incident_id TEXT NOT NULL REFERENCES incidents(id), stage TEXT NOT NULL, department_id TEXT,
                level TEXT NOT NULL, due_at INTEGER NOT NULL, met_at INTEGER, fired_at INTEGER);
            CREATE INDEX incident_timers_due ON incident_timers(due_at) WHERE met_at IS NULL AND fired_at IS NULL;
            CREATE INDEX incident_timers_incident ON incident_timers(incident_id, stage);
            CREATE TABLE time_limits (category TEXT NOT NULL, severity TEXT NOT NULL, accept_s INTEGER NOT NULL,
                on_site_s INTEGER NOT NULL, resolve_s INTEGER NOT NULL, PRIMARY KEY (category, severity));
            CREATE TABLE departments (id TEXT PRIMARY KEY, name TEXT NOT NULL, phone TEXT);
            CREATE TABLE whistles (incident_id TEXT NOT NULL REFERENCES incidents(id),
                department_id TEXT NOT NULL REFERENCES departments(id), coordinator INTEGER NOT NULL,
                whistled_at INTEGER NOT NULL, whistled_by TEXT NOT NULL, due_at INTEGER NOT NULL, reported_at INTEGER,
                reported_by TEXT, score INTEGER, scored_at INTEGER, scored_by TEXT,
                PRIMARY KEY (incident_id, department_id));
            CREATE TABLE webhooks (id TEXT PRIMARY KEY, name TEXT NOT NULL, url TEXT NOT NULL, format TEXT NOT NULL,
                grid_id TEXT, department_id TEXT, secret TEXT, created_at INTEGER NOT NULL);
            CREATE TABLE notifications (id INTEGER PRIMARY KEY AUTOINCREMENT, incident_id TEXT, kind TEXT NOT NULL,
                created_at INTEGER NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, targets TEXT NOT NULL);
            CREATE TABLE deliveries (id INTEGER PRIMARY KEY AUTOINCREMENT,
                notification_id INTEGER NOT NULL REFERENCES notifications(id),
                webhook_id TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE, state TEXT NOT NULL,
                attempts INTEGER NOT NULL, next_at INTEGER NOT NULL, last_error TEXT, delivered_at INTEGER);
            CREATE INDEX deliveries_due ON deliveries(next_at) WHERE state = 'pending';
            CREATE TABLE api_keys (id TEXT PRIMARY KEY, name TEXT NOT NULL, hash TEXT NOT NULL UNIQUE,
                created_at INTEGER NOT NULL, revoked_at INTEGER);
            """, """
            -- fleet settings: every version of every station's settings
            CREATE TABLE station_settings (station_id TEXT NOT NULL REFERENCES stations(id), version INTEGER NOT NULL,
                settings TEXT NOT NULL, created_at INTEGER NOT NULL, actor TEXT NOT NULL, note TEXT,
                PRIMARY KEY (station_id, version));
            """, """
            -- roster: planning. Templates per station, a rotation per template (turns as a JSON array of
            -- person-id arrays), one-off overrides per template and date, leave, swaps, and which
            -- shifts the planner generated (so it may replace or remove them)
            CREATE TABLE roster_templates (id TEXT PRIMARY KEY, station_id TEXT NOT NULL REFERENCES stations(id),
                label TEXT NOT NULL, start_time TEXT NOT NULL, end_time TEXT NOT NULL, required INTEGER NOT NULL,
                weekdays TEXT NOT NULL, valid_from TEXT NOT NULL, valid_until TEXT);
            CREATE TABLE roster_rotations (template_id TEXT PRIMARY KEY REFERENCES roster_templates(id) ON DELETE CASCADE,
                anchor TEXT NOT NULL, turn_days INTEGER NOT NULL, turns TEXT NOT NULL);
            CREATE TABLE roster_overrides (template_id TEXT NOT NULL REFERENCES roster_templates(id) ON DELETE CASCADE,
                local_date TEXT NOT NULL, cancelled INTEGER NOT NULL, required INTEGER, add_people TEXT NOT NULL,
                remove_people TEXT NOT NULL, note TEXT, PRIMARY KEY (template_id, local_date));
            CREATE TABLE roster_leave (id TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES people(id),
                from_date TEXT NOT NULL, to_date TEXT NOT NULL, reason TEXT, created_at INTEGER NOT NULL);
            CREATE INDEX roster_leave_person ON roster_leave(person_id, from_date);
            CREATE TABLE roster_swaps (id TEXT PRIMARY KEY, shift_id TEXT NOT NULL, from_person TEXT NOT NULL,
                to_person TEXT, return_shift_id TEXT, status TEXT NOT NULL, note TEXT, offered_at INTEGER NOT NULL,
                taken_at INTEGER, decided_at INTEGER, decided_by TEXT);
            CREATE INDEX roster_swaps_shift ON roster_swaps(shift_id, status);
            CREATE TABLE roster_generated (shift_id TEXT PRIMARY KEY, template_id TEXT NOT NULL, local_date TEXT NOT NULL);
            CREATE INDEX roster_generated_date ON roster_generated(local_date);
            """, """
            -- roster: live rules and alerts. Which rule ran for which shift (so a restart neither repeats
            -- nor skips), per-person duty flags, and the alerts the rules raise
            CREATE TABLE roster_rule_runs (shift_id TEXT NOT NULL, rule TEXT NOT NULL, done_at INTEGER NOT NULL,
                PRIMARY KEY (shift_id, rule));
            CREATE TABLE roster_flags (shift_id TEXT NOT NULL, person_id TEXT NOT NULL, flag TEXT NOT NULL,
                station_id TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (shift_id, person_id, flag));
            CREATE INDEX roster_flags_person ON roster_flags(person_id, at);
            CREATE TABLE alerts (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, station_id TEXT, grid_id TEXT,
                person_id TEXT, shift_id TEXT, message TEXT NOT NULL, dedupe TEXT NOT NULL UNIQUE,
                raised_at INTEGER NOT NULL, cleared_at INTEGER);
            CREATE INDEX alerts_open ON alerts(cleared_at, raised_at);
            """, """
            -- roster: points. An append-only ledger (no code updates or deletes it) in hundredths of a
            -- point, one entry per person, rule and reference at most
            CREATE TABLE points_ledger (id INTEGER PRIMARY KEY AUTOINCREMENT, person_id TEXT NOT NULL, rule TEXT NOT NULL,
                centi INTEGER NOT NULL, reason TEXT NOT NULL, ref TEXT NOT NULL, at INTEGER NOT NULL, month TEXT NOT NULL,
                UNIQUE (person_id, rule, ref));
            CREATE INDEX points_month ON points_ledger(month, person_id);
            """, """
            -- roster: calendar feeds at unguessable URLs, one random token per volunteer or station
            CREATE TABLE calendar_tokens (token TEXT PRIMARY KEY, kind TEXT NOT NULL, subject_id TEXT NOT NULL,
                created_at INTEGER NOT NULL, UNIQUE (kind, subject_id));
            """, """
            -- stats: incidents of a period by category or by grid subtree, and those whistled to one department
            CREATE INDEX incidents_category_created ON incidents(category, created_at);
            CREATE INDEX incidents_grid_created ON incidents(grid_id, created_at);
            CREATE INDEX whistles_department ON whistles(department_id, incident_id);
            -- stats: a period's incidents and their deadlines read from the indexes alone (no table lookups)
            CREATE INDEX incidents_stats ON incidents(created_at, grid_id, category, level, status, outcome,
                accepted_at, resolved_at, rating, duplicate_of, id);
            CREATE INDEX incident_timers_stats ON incident_timers(incident_id, stage, level, met_at, fired_at);
            """, """
            -- sign-in: accounts with argon2id hashes, server-side sessions (only the token's SHA-256 is
            -- kept), API tokens for machines, and the hash-chained audit log
            CREATE TABLE accounts (id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL,
                grid_id TEXT REFERENCES grids(id), department_id TEXT REFERENCES departments(id),
                password_hash TEXT NOT NULL, must_change INTEGER NOT NULL, created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL, disabled_at INTEGER);
            CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id),
                csrf TEXT NOT NULL, created_at INTEGER NOT NULL, last_seen_at INTEGER NOT NULL);
            CREATE INDEX sessions_account ON sessions(account_id);
            CREATE TABLE api_tokens (id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL,
                grid_id TEXT REFERENCES grids(id), department_id TEXT REFERENCES departments(id),
                hash TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL, created_by TEXT NOT NULL, revoked_at INTEGER);
            CREATE TABLE audit_log (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, actor TEXT NOT NULL,
                address TEXT, action TEXT NOT NULL, target TEXT, detail TEXT, prev_hash TEXT NOT NULL,
                hash TEXT NOT NULL);
            CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            """, """
            -- stations on the command centre's map (WGS-84 degrees)
            ALTER TABLE stations ADD COLUMN lat REAL;
            ALTER TABLE stations ADD COLUMN lon REAL;
            """, """
            -- MQTT: one credential per station (a Mosquitto $7$ hash, never the password); issuing a
            -- new one revokes the old, so at most one per station is live
            CREATE TABLE station_credentials (id INTEGER PRIMARY KEY AUTOINCREMENT, station_id TEXT NOT NULL,
                password_hash TEXT NOT NULL, created_at INTEGER NOT NULL, revoked_at INTEGER);
            CREATE UNIQUE INDEX station_credentials_live ON station_credentials(station_id) WHERE revoked_at IS NULL;
            CREATE INDEX station_credentials_station ON station_credentials(station_id, id);
            """, """
            -- county scale: the incident list newest first by station and by status, and a station's
            -- open incidents (the dashboard's count, the queue), without reading its whole history
            CREATE INDEX incidents_station_created ON incidents(station_id, created_at);
            CREATE INDEX incidents_status_created ON incidents(status, created_at);
            CREATE INDEX incidents_open_station ON incidents(station_id, created_at, status)
                WHERE status NOT IN ('resolved', 'closed');
            -- stats: deadlines met and missed at each rung, summed per day received (the first instant
            -- of the town's day, epoch ms), grid ('' for none) and category; merged duplicates not
            -- counted. Kept in the transaction that meets, fires or merges; rebuilt for another zone
            CREATE TABLE stats_timer_days (day BIGINT NOT NULL, grid_id TEXT NOT NULL, category TEXT NOT NULL,
                level TEXT NOT NULL, met INTEGER NOT NULL, missed INTEGER NOT NULL,
                PRIMARY KEY (day, grid_id, category, level));
            CREATE TABLE stats_rollups (name TEXT PRIMARY KEY, zone TEXT NOT NULL, built_at BIGINT NOT NULL);
            """);

    private Schema() {
    }

    /** Runs the migrations not yet applied and returns the resulting version. */
    static int migrate(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            int version;
            try (ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
                version = rs.next() ? rs.getInt(1) : 0;
            }
            if (version > MIGRATIONS.size()) {
                throw new SQLException("store schema version " + version + " is newer than this gateway ("
                        + MIGRATIONS.size() + ")");
            }
            for (int v = version; v < MIGRATIONS.size(); v++) {
                // a statement ends with ';' at the end of a line, so a trigger's BEGIN …; END; stays whole
                for (String sql : MIGRATIONS.get(v).split("(?m);[ \\t]*$")) {
                    if (!sql.isBlank()) {
                        s.execute(sql);
                    }
                }
                s.execute("INSERT INTO schema_version(version) VALUES (" + (v + 1) + ")");
            }
            c.commit();
            return MIGRATIONS.size();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        }
    }
}
