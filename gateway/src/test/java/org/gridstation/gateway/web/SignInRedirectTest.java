package org.gridstation.gateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** After signing in the browser goes back where it was, but never to another site (no open redirect). */
class SignInRedirectTest {

    @Test
    void onlyPathsOnThisServerAreFollowed() {
        assertEquals("/stats?lang=en", AuthRoutes.safeNext("/stats?lang=en"));
        assertEquals("/roster/week", AuthRoutes.safeNext("/roster/week"));
        assertEquals("/", AuthRoutes.safeNext(null));
        assertEquals("/", AuthRoutes.safeNext(""));
        assertEquals("/", AuthRoutes.safeNext("https://evil.example/"));
        assertEquals("/", AuthRoutes.safeNext("//evil.example/"));
        assertEquals("/", AuthRoutes.safeNext("/\\evil.example/"));
        assertEquals("/", AuthRoutes.safeNext("javascript:alert(1)"));
        assertEquals("/", AuthRoutes.safeNext("/x\r\nSet-Cookie: a=b"));
    }
}
