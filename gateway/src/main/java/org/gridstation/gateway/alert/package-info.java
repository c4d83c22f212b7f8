/**
 * Alerts (告警): what the roster's live rules raise for the grid leader and the command centre —
 * a station unstaffed at the start of its shift, a forgotten badge-out closed by the gateway, one
 * badge on duty at two stations. Each alert has a dedupe key so rules may run again safely.
 */
package org.gridstation.gateway.alert;
