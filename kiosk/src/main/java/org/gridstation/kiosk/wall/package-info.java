/**
 * The station's public wall (公示, 亮身份) as the idle screen shows it: the links a villager can
 * follow on a phone (the station's public page, a ticket's tracking page) and their QR codes.
 * Only those links are ever encoded: the kiosk is not an open QR generator.
 */
package org.gridstation.kiosk.wall;
