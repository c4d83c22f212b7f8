/** The town's certificate authority and the gateway's server certificate for HTTPS and MQTT over TLS. */
package org.gridstation.gateway.tls;
