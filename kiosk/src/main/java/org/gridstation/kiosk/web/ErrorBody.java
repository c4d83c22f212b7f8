package org.gridstation.kiosk.web;

import java.util.Optional;

/**
 * The JSON of every error answer.
 *
 * @param error what the reader sees, in their language
 * @param field the request field at fault, for a 400
 * @param code a stable machine-readable code, e.g. {@code outbox-full}
 */
record ErrorBody(String error, Optional<String> field, String code) {
}
