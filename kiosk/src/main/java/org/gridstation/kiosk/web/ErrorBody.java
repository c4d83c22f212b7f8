package org.gridstation.kiosk.web;

import java.util.Optional;

/**
 * The JSON of every error answer.
 *
 * @param error what the reader sees, in their language
 * @param field the request field at fault, for a 400
 * @param code a stable machine-readable code, e.g. {@code outbox-full}
 * @param trackingUrl for a ticket this kiosk does not know, its tracking page at the gateway
 */
record ErrorBody(String error, Optional<String> field, String code, Optional<String> trackingUrl) {
    ErrorBody(String error, Optional<String> field, String code) {
        this(error, field, code, Optional.empty());
    }
}
