package org.gridstation.gateway.auth;

import java.time.Instant;
import java.util.Optional;

/**
 * A person who signs in to the command centre. The password hash never leaves the store.
 *
 * @param id the user name (a slug)
 * @param name the name shown on steps and in the audit log
 * @param role what they may do
 * @param gridId a grid leader's grid
 * @param departmentId department staff's department
 * @param mustChangePassword the password is one-time (the initial admin's, or one an admin set)
 * @param createdAt when created
 * @param disabledAt when disabled: no sign-in since, sessions ended
 */
public record Account(String id, String name, Role role, Optional<String> gridId, Optional<String> departmentId,
        boolean mustChangePassword, Instant createdAt, Optional<Instant> disabledAt) {

    Principal principal() {
        return new Principal(id, name, role, gridId, departmentId, mustChangePassword);
    }
}
