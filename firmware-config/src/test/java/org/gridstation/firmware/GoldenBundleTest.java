package org.gridstation.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every file of a bundle made from {@link Fixtures} equals its copy under
 * {@code src/test/resources/golden/<board>/}, and the gateway's deployment files with their
 * defaults equal {@code golden/gateway/}. After an intended change, regenerate the copies with
 * {@code mvn -pl firmware-config test -Dtest=GoldenBundleTest -Dgolden.update=true} and review the diff.
 */
class GoldenBundleTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    @ParameterizedTest
    @EnumSource(Board.class)
    void generatedBundle_matchesTheGoldenFiles(Board board) throws IOException {
        Bundle bundle = Fixtures.fixedGenerator().generate(Fixtures.spec(board));
        Path folder = GOLDEN.resolve(board.wire());
        if (Boolean.getBoolean("golden.update")) {
            for (BundleFile f : bundle.files()) {
                Path p = folder.resolve(f.path());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.content(), StandardCharsets.UTF_8);
            }
        }

        List<String> generated = bundle.files().stream().map(BundleFile::path).sorted().collect(Collectors.toList());
        assertEquals(goldenFiles(folder), generated, "the bundle's file list");
        for (BundleFile f : bundle.files()) {
            assertEquals(Files.readString(folder.resolve(f.path()), StandardCharsets.UTF_8), f.content(),
                    board.wire() + "/" + f.path());
        }
        assertTrue(bundle.files().stream().noneMatch(f -> f.content().contains("${stationId}")));
    }

    @Test
    void gatewayDeploymentFiles_matchTheGoldenFiles() throws IOException {
        List<BundleFile> files = GatewayDeployment.defaults().files();
        Path folder = GOLDEN.resolve("gateway");
        if (Boolean.getBoolean("golden.update")) {
            for (BundleFile f : files) {
                Path p = folder.resolve(f.path());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.content(), StandardCharsets.UTF_8);
            }
        }

        assertEquals(goldenFiles(folder), files.stream().map(BundleFile::path).sorted().collect(Collectors.toList()));
        for (BundleFile f : files) {
            assertEquals(Files.readString(folder.resolve(f.path()), StandardCharsets.UTF_8), f.content(), "gateway/" + f.path());
        }
    }

    private static List<String> goldenFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString().replace('\\', '/'))
                    .sorted().collect(Collectors.toList());
        }
    }
}
