package org.gridstation.gateway.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WebServerTest {

    @Test
    void onlyLoopbackCallersCountAsTheGatewayMachine() {
        assertTrue(WebServer.isLoopback("127.0.0.1"));
        assertTrue(WebServer.isLoopback("127.8.9.10"));
        assertTrue(WebServer.isLoopback("0:0:0:0:0:0:0:1"));
        assertTrue(WebServer.isLoopback("::1"));
        assertFalse(WebServer.isLoopback("192.168.1.20"));
        assertFalse(WebServer.isLoopback("10.0.0.5"));
        assertFalse(WebServer.isLoopback("fe80::1"));
        assertFalse(WebServer.isLoopback("localhost"), "names are not looked up");
        assertFalse(WebServer.isLoopback(null));
        assertFalse(WebServer.isLoopback(""));
    }
}
