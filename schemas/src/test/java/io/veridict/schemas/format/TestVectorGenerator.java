package io.veridict.schemas.format;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes {@code docs/test-vectors/*.json}. Re-run after any change to the format or the samples:
 * <pre>
 * mvn -o -q -pl schemas test-compile
 * java -cp "schemas/target/test-classes:schemas/target/classes:$(cat /tmp/cp.txt)" \
 *     io.veridict.schemas.format.TestVectorGenerator docs/test-vectors
 * </pre>
 * ({@code /tmp/cp.txt} from {@code mvn -o -q -pl schemas dependency:build-classpath
 * -Dmdep.outputFile=/tmp/cp.txt}). {@link TestVectorsTest} fails while the committed files
 * differ from what this class renders.
 */
public final class TestVectorGenerator {

    static final String DIRECTORY = "docs/test-vectors";

    private static final ObjectWriter WRITER = new ObjectMapper().writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private TestVectorGenerator() {
    }

    /**
     * Writes every vector file into the given directory (default: {@value #DIRECTORY} of the
     * repository that holds the working directory).
     */
    public static void main(String[] args) throws IOException {
        Path directory = args.length > 0 ? Path.of(args[0]) : locate();
        Files.createDirectories(directory);
        for (Map.Entry<String, String> file : render().entrySet()) {
            Files.writeString(directory.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
            System.out.println("wrote " + directory.resolve(file.getKey()));
        }
    }

    /** File name to exact file content, in a stable order. */
    static Map<String, String> render() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("canonical-json.json", text(CanonicalJsonVectors.build()));
        files.put("chains.json", text(ChainVectors.chains()));
        files.put("tampering.json", text(ChainVectors.tampering()));
        files.put("merkle.json", text(MerkleVectors.build()));
        files.put("entries-records.json", text(EntriesRecordVectors.build()));
        return files;
    }

    /** The vector directory of the repository holding the working directory. */
    static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("docs"))) {
                return dir.resolve(DIRECTORY);
            }
        }
        throw new IllegalStateException("no docs/ directory above " + Path.of("").toAbsolutePath());
    }

    private static String text(JsonNode node) throws IOException {
        return WRITER.writeValueAsString(node) + "\n";
    }
}
