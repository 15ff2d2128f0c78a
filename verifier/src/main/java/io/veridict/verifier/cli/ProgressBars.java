package io.veridict.verifier.cli;

import io.veridict.verifier.ReplayProgress;
import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Draws one progress bar per phase of a verification (payloads, then entries) on a terminal,
 * with the rate. Never on stdout: the report goes there.
 */
public final class ProgressBars implements ReplayProgress, AutoCloseable {

    private final PrintStream terminal;
    private ProgressBar bar;
    private Phase phase;

    /** @param terminal where to draw, normally {@code System.err} */
    public ProgressBars(PrintStream terminal) {
        this.terminal = terminal;
    }

    @Override
    public void update(Phase current, long done, long total) {
        if (current != phase) {
            close();
            phase = current;
            bar = new ProgressBarBuilder()
                    .setTaskName(current == Phase.PAYLOADS ? "Payloads" : "Entries")
                    .setInitialMax(total)
                    .setUnit(current == Phase.PAYLOADS ? " records" : " entries", 1)
                    .showSpeed()
                    .setUpdateIntervalMillis(250)
                    .setConsumer(new ConsoleProgressBarConsumer(terminal))
                    .build();
        }
        bar.maxHint(Math.max(total, done));
        bar.stepTo(done);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
