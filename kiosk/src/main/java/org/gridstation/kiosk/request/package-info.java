/** Walk-in requests filed by villagers at the kiosk: validation, ticket numbers, the request event. */
package org.gridstation.kiosk.request;
