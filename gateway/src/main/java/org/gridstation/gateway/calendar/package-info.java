/**
 * Calendar feeds (RFC 5545) of the roster per volunteer and per station, at unguessable URLs
 * ({@code /ical/{token}.ics}), for the calendar apps on volunteers' phones.
 */
package org.gridstation.gateway.calendar;
