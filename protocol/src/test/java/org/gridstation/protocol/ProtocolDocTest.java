package org.gridstation.protocol;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/protocol.md shows every golden fixture, so the page cannot drift from the wire format. */
class ProtocolDocTest {

    @Test
    void protocolDoc_showsEveryGoldenFixture() throws IOException {
        Path doc = Path.of("..", "docs", "protocol.md");
        String text = Files.readString(doc);
        List<JsonNode> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(text);
        while (m.find()) {
            blocks.add(Json.mapper().readTree(m.group(1)));
        }
        Path golden = Path.of("src", "test", "resources", "golden");
        try (Stream<Path> files = Files.list(golden)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                JsonNode fixture = Json.mapper().readTree(Files.readAllBytes(f));
                assertTrue(blocks.contains(fixture), "docs/protocol.md lacks the fixture " + f.getFileName());
            }
        }
    }
}
