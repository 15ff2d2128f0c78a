package io.veridict.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import net.sourceforge.argparse4j.ArgumentParsers;
import net.sourceforge.argparse4j.inf.ArgumentParser;
import net.sourceforge.argparse4j.inf.ArgumentParserException;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void shouldDefaultToThreeFullRunsWithTheDevCommitInterval() throws Exception {
        BenchOptions options = BenchOptions.from(parse());

        assertThat(options.quick()).isFalse();
        assertThat(options.runs()).isEqualTo(3);
        assertThat(options.jsonFile()).isEmpty();
        assertThat(options.commitInterval()).isEmpty();
        assertThat(options.sizes()).isEqualTo(BenchSizes.full());
        assertThat(options.only()).isEqualTo(BenchOptions.Group.ALL);
        assertThat(options.generator()).isEqualTo(BenchOptions.Generator.AUTO);
    }

    @Test
    void shouldReadEveryOption() throws Exception {
        BenchOptions options = BenchOptions.from(parse("--quick", "--runs", "1", "--json", "out.json",
                "--commit-interval", "100ms", "--only", "kafka", "--generator", "jvm"));

        assertThat(options.quick()).isTrue();
        assertThat(options.runs()).isEqualTo(1);
        assertThat(options.jsonFile()).contains(Path.of("out.json"));
        assertThat(options.commitInterval()).contains(Duration.ofMillis(100));
        assertThat(options.sizes()).isEqualTo(BenchSizes.quick());
        assertThat(options.only()).isEqualTo(BenchOptions.Group.KAFKA);
        assertThat(options.only().http()).isFalse();
        assertThat(options.generator()).isEqualTo(BenchOptions.Generator.JVM);
    }

    @Test
    void shouldRefuseRunsOutsideOneToTen() {
        assertThatThrownBy(() -> BenchOptions.from(parse("--runs", "0"))).hasMessageContaining("--runs must be 1 to 10");
        assertThatThrownBy(() -> BenchOptions.from(parse("--runs", "11"))).hasMessageContaining("--runs must be 1 to 10");
    }

    @Test
    void shouldRefuseAMalformedCommitInterval() {
        assertThatThrownBy(() -> BenchOptions.from(parse("--commit-interval", "soon"))).hasMessageContaining("not a duration");
    }

    @Test
    void shouldReadTheCommitIntervalVeridictDevRunsWith() {
        DevConfig dev = DevConfig.read("veridict-dev.yml");

        assertThat(dev.commitInterval()).isPositive();
        assertThat(dev.applicationId()).isNotBlank();
    }

    private static Namespace parse(String... args) throws ArgumentParserException {
        ArgumentParser parser = ArgumentParsers.newFor("veridict").build();
        Subparser bench = parser.addSubparsers().addParser("bench");
        BenchOptions.addTo(bench);
        String[] all = new String[args.length + 1];
        all[0] = "bench";
        System.arraycopy(args, 0, all, 1, args.length);
        return parser.parseArgs(all);
    }
}
