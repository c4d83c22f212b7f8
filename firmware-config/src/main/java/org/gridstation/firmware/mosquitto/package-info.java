/**
 * Mosquitto 2 entries for a station: its password-file line (PBKDF2-SHA512, made in Java) and
 * its ACL stanza.
 */
package org.gridstation.firmware.mosquitto;
