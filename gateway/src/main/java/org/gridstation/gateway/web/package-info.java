/**
 * The web server: the REST API under {@code /api/v1} (JSON through the protocol's mapper, errors
 * mapped in {@link org.gridstation.gateway.web.WebServer}) and the dashboard page. Labels are
 * zh-CN unless {@code ?lang=en} or {@code Accept-Language: en…}. Absent values are left out of
 * the JSON rather than written as null.
 */
package org.gridstation.gateway.web;
