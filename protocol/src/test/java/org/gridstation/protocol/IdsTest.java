package org.gridstation.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The slug check agrees with its definition, {@code [A-Za-z0-9_-]{1,64}}. */
class IdsTest {
    private static final Pattern SLUG = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    @Test
    void isValid_agreesWithTheRegularExpression() {
        String alphabet = "azAZ09_-./ +#$é漕\u0000\n";
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 50_000; i++) {
            int len = random.nextInt(70);
            StringBuilder b = new StringBuilder();
            for (int j = 0; j < len; j++) {
                b.append(random.nextInt(10) < 8 ? (char) ('a' + random.nextInt(26)) : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String id = b.toString();
            assertEquals(SLUG.matcher(id).matches(), Ids.isValid(id), id);
        }
        assertEquals(false, Ids.isValid(null));
        assertEquals(true, Ids.isValid("x".repeat(64)));
        assertEquals(false, Ids.isValid("x".repeat(65)));
    }
}
