package org.gridstation.gateway.town;

/** Something was looked up or referred to by an id that does not exist. The web maps it to 404. */
public class UnknownException extends RuntimeException {
    public UnknownException(String what, String id) {
        super("unknown " + what + " '" + id + "'");
    }
}
