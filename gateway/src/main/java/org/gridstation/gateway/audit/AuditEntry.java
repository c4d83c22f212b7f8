package org.gridstation.gateway.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * One line of the audit log.
 *
 * @param seq its place in the chain, from 1
 * @param at when (gateway clock)
 * @param actor who: a user name, {@code token:<id>}, an address for a failed sign-in, or {@code system}
 * @param address the client address of the request, if it came over HTTP
 * @param action what, e.g. {@code sign-in}, {@code sign-in-failed}, {@code PUT /api/v1/roster/templates/{id}}
 * @param target what it was done to (path parameters, an account), if anything
 * @param detail more, as short text; never a villager's personal data
 * @param prevHash the previous entry's hash (64 zeros for the first)
 * @param hash SHA-256 over this entry's fields and {@code prevHash}
 */
public record AuditEntry(long seq, Instant at, String actor, Optional<String> address, String action,
        Optional<String> target, Optional<String> detail, String prevHash, String hash) {
}
