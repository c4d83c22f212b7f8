/** The kiosk's health as the gateway sees it: the periodic heartbeat and what goes into it. */
package org.gridstation.kiosk.health;
