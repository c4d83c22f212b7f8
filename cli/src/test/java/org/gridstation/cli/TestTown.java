package org.gridstation.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads the seeded town through the gateway's public REST API. */
final class TestTown {
    private TestTown() {
    }

    /** The gateway's URL; the tests' requests to it carry an admin API token made for them. */
    static String gatewayUrl(org.gridstation.gateway.GatewayApp gateway) {
        String url = "http://127.0.0.1:" + gateway.httpPort();
        TestHttp.authorize(url, gateway.auth().tokens().create("cli-tests", new org.gridstation.gateway.auth.Accounts.Draft(
                "cli-tests", "cli-tests", org.gridstation.gateway.auth.Role.ADMIN, java.util.Optional.empty(),
                java.util.Optional.empty()), "tests").token());
        return url;
    }

    /** A kiosk of {@code stationId} on the gateway's broker, with a credential the gateway has just issued. */
    static org.gridstation.kiosk.KioskConfig kiosk(org.gridstation.gateway.GatewayApp gateway, String stationId,
            java.nio.file.Path dataDir) {
        var credential = gateway.stationCredentials().issue(stationId);
        return org.gridstation.kiosk.KioskConfig.defaults(stationId, dataDir, gateway.mqttUri())
                .withMqttCredentials(credential.username(), credential.password());
    }

    /**
     * A volunteer scheduled tonight at {@code stationId}, from {@code /api/v1/coverage} (whose
     * default date is today in the town's zone, the date the demo town was seeded for).
     */
    static String scheduledVolunteer(String gatewayUrl, String stationId) throws Exception {
        JsonNode coverage = TestHttp.get(gatewayUrl + "/api/v1/coverage").json();
        for (JsonNode shift : coverage.path("shifts")) {
            if (shift.path("stationId").asText().equals(stationId) && shift.path("scheduled").size() > 0) {
                return shift.path("scheduled").get(0).path("personId").asText();
            }
        }
        throw new AssertionError("no volunteer scheduled tonight at " + stationId + ": " + coverage);
    }

    /** The station's entry in {@code /api/v1/stations/{id}}. */
    static JsonNode station(String gatewayUrl, String stationId) throws Exception {
        TestHttp.Response r = TestHttp.get(gatewayUrl + "/api/v1/stations/" + stationId);
        if (r.status() != 200) {
            throw new AssertionError("GET station " + stationId + " gave " + r.status() + ": " + r.body());
        }
        return r.json();
    }

    static boolean onDuty(JsonNode station, String personId) {
        for (JsonNode p : station.path("onDuty")) {
            if (p.path("personId").asText().equals(personId)) {
                return true;
            }
        }
        return false;
    }
}
