package io.veridict.bench;

import java.util.List;
import java.util.Objects;

/**
 * Everything one {@code veridict bench} measured, in one run on one embedded dev stack.
 *
 * @param machine          where it ran
 * @param runs             how many times each measurement was repeated
 * @param quick            whether the smoke sizes were used (figures are then not meaningful)
 * @param commandBytes     size of one serialized command (Confluent framing + Avro)
 * @param commitIntervalMs the Streams commit interval of the chain measurement
 * @param devStackStartSeconds how long the dev stack took to become healthy
 * @param loadGenerator    what drove the closed-loop HTTP load ({@link LoadGenerator#describe}); {@code null}
 *                         when no HTTP figure was measured
 * @param sections         the figures, by measurement, in report order
 */
public record BenchReport(MachineFacts machine, int runs, boolean quick, int commandBytes, long commitIntervalMs,
                          double devStackStartSeconds, String loadGenerator, List<Section> sections) {

    /** One measurement's figures under a title. */
    public record Section(String title, List<Figure> figures) {
        public Section {
            Objects.requireNonNull(title, "title");
            figures = List.copyOf(figures);
        }
    }

    public BenchReport {
        Objects.requireNonNull(machine, "machine");
        sections = List.copyOf(sections);
    }

    /** @return every figure, in report order */
    public List<Figure> figures() {
        return sections.stream().flatMap(s -> s.figures().stream()).toList();
    }

    /** @return failed operations over every figure */
    public long errors() {
        return figures().stream().mapToLong(Figure::errors).sum();
    }

    /** @return how many figures have the verdict {@code verdict} */
    public long count(Figure.Verdict verdict) {
        return figures().stream().filter(f -> f.verdict() == verdict).count();
    }
}
