/**
 * Open311 GeoReport v2 at {@code /open311/v2/}: the town's request categories as services,
 * incidents as service requests (open/closed, the public answer, who is responsible, when it is
 * expected), new requests from outside systems with an API key. The routes are in
 * {@code web/Open311Routes}; the mapping and the keys are here.
 */
package org.gridstation.gateway.open311;
