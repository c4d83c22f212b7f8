/**
 * Badges (持证上岗): the town's Ed25519 signing key, issuing signed badge tokens, revoking them,
 * the public keys and revocation list the kiosks verify against, and printable card images.
 */
package org.gridstation.gateway.badge;
