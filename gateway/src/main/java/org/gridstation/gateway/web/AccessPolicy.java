package org.gridstation.gateway.web;

import static org.gridstation.gateway.auth.Role.ADMIN;
import static org.gridstation.gateway.auth.Role.DEPARTMENT;
import static org.gridstation.gateway.auth.Role.GRID_LEADER;
import static org.gridstation.gateway.auth.Role.OPERATOR;
import static org.gridstation.gateway.auth.Role.VIEWER;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gridstation.gateway.auth.Role;

/**
 * Who may call each route: the one table of the gateway's access rules. A route missing here is
 * refused to everyone (and logged), so a new route cannot be open by accident. Where a scoped role
 * (grid leader, department staff) is allowed, the handler narrows the answer to their grid or
 * department. docs/api.md prints this table.
 */
final class AccessPolicy {
    /** Everyone signed in; the handler scopes what a grid leader or department staff sees. */
    static final Set<Role> SIGNED_IN = Collections.unmodifiableSet(EnumSet.allOf(Role.class));
    /** Reads of the whole town. */
    static final Set<Role> TOWN_READERS = Collections.unmodifiableSet(EnumSet.of(ADMIN, OPERATOR, VIEWER));
    /** Reads that a grid leader gets for their subtree. */
    static final Set<Role> READERS_AND_LEADERS = Collections.unmodifiableSet(EnumSet.of(ADMIN, OPERATOR, VIEWER, GRID_LEADER));
    /** Day-to-day changes: incidents, rosters, alerts. */
    static final Set<Role> WORKERS = Collections.unmodifiableSet(EnumSet.of(ADMIN, OPERATOR));
    /** Incident steps: a grid leader on their subtree's incidents. */
    static final Set<Role> WORKERS_AND_LEADERS = Collections.unmodifiableSet(EnumSet.of(ADMIN, OPERATOR, GRID_LEADER));
    /** Whistle steps: department staff report for their own department. */
    static final Set<Role> WHISTLE_STEPS = Collections.unmodifiableSet(EnumSet.of(ADMIN, OPERATOR, GRID_LEADER, DEPARTMENT));
    /** Accounts, keys, settings, the audit log. */
    static final Set<Role> ADMINS = Collections.unmodifiableSet(EnumSet.of(ADMIN));

    /**
     * One route's rule.
     *
     * @param roles who may call it; empty for a public route (no sign-in)
     * @param beforePasswordChange callable with a one-time password still unchanged
     */
    record Rule(Set<Role> roles, boolean beforePasswordChange) {
        boolean isPublic() {
            return roles.isEmpty();
        }
    }

    private static final Map<String, Rule> RULES = new LinkedHashMap<>();

    private static void open(String method, String path) {
        RULES.put(method + " " + path, new Rule(Set.of(), true));
    }

    private static void allow(String method, String path, Set<Role> roles) {
        RULES.put(method + " " + path, new Rule(roles, false));
    }

    static {
        // public: villagers' pages, the kiosk-facing and Open311 endpoints, sign-in itself
        open("GET", "/healthz");
        open("GET", "/stations/{id}");
        open("GET", "/tickets/{ticket}");
        open("POST", "/tickets/{ticket}/feedback");
        open("POST", "/api/v1/tickets/{ticket}/feedback");
        open("GET", "/ical/{file}"); // the file name is an unguessable token
        for (String p : new String[] {"/discovery.json", "/services.json", "/services/{code}", "/requests.json",
            "/requests/{id}", "/services.xml", "/requests.xml", "/discovery.xml"}) {
            open("GET", Open311Routes.BASE + p);
        }
        for (String p : new String[] {"/requests.json", "/services.xml", "/requests.xml", "/discovery.xml"}) {
            open("POST", Open311Routes.BASE + p); // POST requests.json checks its api_key
        }
        open("GET", "/signin");
        open("POST", "/signin");
        open("POST", "/api/v1/session");

        // one's own session
        RULES.put("GET /api/v1/session", new Rule(SIGNED_IN, true));
        RULES.put("DELETE /api/v1/session", new Rule(SIGNED_IN, true));
        RULES.put("POST /api/v1/session/password", new Rule(SIGNED_IN, true));
        RULES.put("GET /password", new Rule(SIGNED_IN, true));
        RULES.put("POST /password", new Rule(SIGNED_IN, true));
        RULES.put("POST /signout", new Rule(SIGNED_IN, true));

        // the dashboard and its feeds
        allow("GET", "/", SIGNED_IN);
        allow("GET", "/api/v1/live", SIGNED_IN); // says only "something changed"
        allow("GET", "/api/v1/stations", READERS_AND_LEADERS);
        allow("GET", "/api/v1/stations/{id}", READERS_AND_LEADERS);
        allow("GET", "/metrics", TOWN_READERS);
        allow("GET", "/api/v1/ingest", TOWN_READERS);

        // incidents
        allow("GET", "/api/v1/incidents", SIGNED_IN);
        allow("GET", "/api/v1/incidents/{id}", SIGNED_IN);
        allow("POST", "/api/v1/incidents/{id}/{step}", WORKERS_AND_LEADERS);
        allow("POST", "/api/v1/incidents/{id}/whistles/{department}/{step}", WHISTLE_STEPS);
        allow("GET", "/api/v1/departments", SIGNED_IN);
        allow("PUT", "/api/v1/departments/{id}", ADMINS);
        allow("GET", "/api/v1/time-limits", TOWN_READERS);
        allow("PUT", "/api/v1/time-limits", ADMINS);
        allow("GET", "/api/v1/webhooks", ADMINS); // their URLs hold the group robots' keys
        allow("PUT", "/api/v1/webhooks/{id}", ADMINS);
        allow("DELETE", "/api/v1/webhooks/{id}", ADMINS);
        allow("GET", "/api/v1/deliveries", WORKERS);
        allow("POST", "/api/v1/deliveries/{id}/retry", WORKERS);
        allow("GET", "/api/v1/stats", TOWN_READERS);
        allow("GET", "/api/v1/stats.csv", TOWN_READERS);
        allow("GET", "/stats", TOWN_READERS);

        // stations: fleet settings
        allow("GET", "/api/v1/settings/known", TOWN_READERS);
        allow("PUT", "/api/v1/settings", ADMINS);
        allow("GET", "/api/v1/stations/{id}/settings", TOWN_READERS);
        allow("PUT", "/api/v1/stations/{id}/settings", ADMINS);
        allow("POST", "/api/v1/stations/{id}/settings/rollback", ADMINS);

        // stations: MQTT credentials (the password is answered once, to an admin)
        allow("GET", "/api/v1/stations/{id}/mqtt", TOWN_READERS);
        allow("POST", "/api/v1/stations/{id}/mqtt/credentials", ADMINS);
        allow("POST", "/api/v1/stations/{id}/mqtt/revoke", ADMINS);

        // roster, coverage, alerts, points, calendars
        allow("GET", "/api/v1/coverage", TOWN_READERS);
        allow("GET", "/api/v1/coverage/tonight", READERS_AND_LEADERS);
        allow("GET", "/api/v1/coverage/gaps", READERS_AND_LEADERS);
        allow("GET", "/api/v1/alerts", READERS_AND_LEADERS);
        allow("POST", "/api/v1/alerts/{id}/clear", WORKERS_AND_LEADERS);
        allow("GET", "/api/v1/roster/templates", TOWN_READERS);
        allow("PUT", "/api/v1/roster/templates/{id}", WORKERS);
        allow("DELETE", "/api/v1/roster/templates/{id}", WORKERS);
        allow("GET", "/api/v1/roster/templates/{id}/rotation", TOWN_READERS);
        allow("PUT", "/api/v1/roster/templates/{id}/rotation", WORKERS);
        allow("PUT", "/api/v1/roster/templates/{id}/overrides/{date}", WORKERS);
        allow("DELETE", "/api/v1/roster/templates/{id}/overrides/{date}", WORKERS);
        allow("POST", "/api/v1/roster/generate", WORKERS);
        allow("GET", "/api/v1/roster/week", TOWN_READERS);
        allow("GET", "/api/v1/roster/leave", TOWN_READERS);
        allow("POST", "/api/v1/roster/leave", WORKERS);
        allow("DELETE", "/api/v1/roster/leave/{id}", WORKERS);
        allow("GET", "/api/v1/roster/swaps", READERS_AND_LEADERS);
        allow("GET", "/api/v1/roster/swaps/{id}", READERS_AND_LEADERS);
        allow("POST", "/api/v1/roster/swaps", WORKERS);
        allow("POST", "/api/v1/roster/swaps/{id}/take", WORKERS);
        allow("POST", "/api/v1/roster/swaps/{id}/approve", WORKERS_AND_LEADERS);
        allow("POST", "/api/v1/roster/swaps/{id}/reject", WORKERS_AND_LEADERS);
        allow("POST", "/api/v1/roster/swaps/{id}/cancel", WORKERS);
        allow("GET", "/api/v1/points/rules", TOWN_READERS);
        allow("PUT", "/api/v1/points/rules", ADMINS);
        allow("POST", "/api/v1/points/award", WORKERS);
        allow("GET", "/api/v1/points/ranking", TOWN_READERS);
        allow("GET", "/api/v1/points/grids", TOWN_READERS);
        allow("GET", "/api/v1/points/ledger.csv", TOWN_READERS);
        allow("GET", "/api/v1/people/{id}/points", TOWN_READERS);
        allow("GET", "/api/v1/people/{id}/roster", TOWN_READERS);
        allow("GET", "/api/v1/people/{id}/calendar", WORKERS); // answers the feed's secret URL
        allow("POST", "/api/v1/people/{id}/calendar/rotate", WORKERS);
        allow("GET", "/api/v1/stations/{id}/calendar", WORKERS);
        allow("POST", "/api/v1/stations/{id}/calendar/rotate", WORKERS);
        allow("GET", "/roster/week", TOWN_READERS);
        allow("POST", "/roster/week/override", WORKERS);
        allow("GET", "/roster/tonight", TOWN_READERS);
        allow("GET", "/people/{id}", TOWN_READERS);

        // town data, badges and keys
        allow("POST", "/api/v1/import/{kind}", ADMINS);
        allow("GET", "/api/v1/people/{id}/badge.png", ADMINS); // a card holds a valid badge
        allow("POST", "/api/v1/badges/rotate-key", ADMINS);
        allow("GET", "/api/v1/api-keys", ADMINS);
        allow("POST", "/api/v1/api-keys", ADMINS);
        allow("DELETE", "/api/v1/api-keys/{id}", ADMINS);

        // accounts, tokens, audit
        allow("GET", "/api/v1/accounts", ADMINS);
        allow("POST", "/api/v1/accounts", ADMINS);
        allow("PUT", "/api/v1/accounts/{id}", ADMINS);
        allow("POST", "/api/v1/accounts/{id}/reset-password", ADMINS);
        allow("POST", "/api/v1/accounts/{id}/disable", ADMINS);
        allow("POST", "/api/v1/accounts/{id}/enable", ADMINS);
        allow("GET", "/api/v1/tokens", ADMINS);
        allow("POST", "/api/v1/tokens", ADMINS);
        allow("DELETE", "/api/v1/tokens/{id}", ADMINS);
        allow("GET", "/api/v1/audit", ADMINS);
        allow("GET", "/api/v1/audit.csv", ADMINS);
        allow("GET", "/api/v1/audit/verify", ADMINS);
    }

    private AccessPolicy() {
    }

    /** The rule of {@code method} on the route {@code path} (as registered, with {@code {params}}). */
    static Optional<Rule> rule(String method, String path) {
        return Optional.ofNullable(RULES.get(method.toUpperCase(java.util.Locale.ROOT) + " " + path));
    }

    /** Every rule, "METHOD /path" → rule, in the order above. */
    static Map<String, Rule> all() {
        return Collections.unmodifiableMap(RULES);
    }
}
