package org.gridstation.gateway.auth;

import java.util.Optional;

/**
 * Who is making a request: a signed-in account or an API token.
 *
 * @param id the account's user name, or {@code token:<id>} for an API token
 * @param name the name shown in steps and the audit log
 * @param role what they may do
 * @param gridId a grid leader's grid (their subtree)
 * @param departmentId department staff's department
 * @param mustChangePassword signed in with a one-time password: nothing but changing it is allowed
 */
public record Principal(String id, String name, Role role, Optional<String> gridId, Optional<String> departmentId,
        boolean mustChangePassword) {

    /** The actor written into incident steps and the audit log. */
    public String actor() {
        return id;
    }
}
