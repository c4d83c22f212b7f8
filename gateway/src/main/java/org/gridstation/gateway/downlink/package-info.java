/**
 * Retained downlinks: the town's public keys and revocation list, and each station's config and
 * today's roster. Published when their content changes, after local midnight, and again after
 * every (re)connect to the broker (so a broker that lost its retained store gets them back).
 */
package org.gridstation.gateway.downlink;
