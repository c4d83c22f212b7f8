/**
 * The kiosk's web server (Javalin): the zh-CN touch page and the JSON API behind it, with every
 * error mapped to a status code in {@link org.gridstation.kiosk.web.KioskWeb}.
 */
package org.gridstation.kiosk.web;
