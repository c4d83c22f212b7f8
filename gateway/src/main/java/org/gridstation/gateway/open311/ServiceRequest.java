package org.gridstation.gateway.open311;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * A GeoReport v2 service request: an incident as an Open311 client sees it. Datetimes are W3C
 * (ISO 8601) with the town's offset, to the second. Never the villager's phone; the villager's
 * note as {@code description} only if they did not ask to stay anonymous. No {@code lat}/{@code
 * long}: stations have no coordinates.
 */
public record ServiceRequest(@JsonProperty("service_request_id") String serviceRequestId,
        @JsonProperty("status") String status, @JsonProperty("status_notes") Optional<String> statusNotes,
        @JsonProperty("service_name") String serviceName, @JsonProperty("service_code") String serviceCode,
        @JsonProperty("description") Optional<String> description,
        @JsonProperty("agency_responsible") String agencyResponsible,
        @JsonProperty("service_notice") Optional<String> serviceNotice,
        @JsonProperty("requested_datetime") String requestedDatetime,
        @JsonProperty("updated_datetime") String updatedDatetime,
        @JsonProperty("expected_datetime") Optional<String> expectedDatetime, @JsonProperty("address") String address,
        @JsonProperty("address_id") String addressId) {
}
