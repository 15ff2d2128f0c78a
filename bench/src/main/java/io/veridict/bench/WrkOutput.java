package io.veridict.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what one {@code wrk} run printed: the block of {@link WrkScript}'s {@code done} and,
 * after the line {@value #CPU_MARK}, the shell's {@code times} (the second line holds the user
 * and system CPU time of its children, i.e. of wrk). wrk's own human-readable summary is ignored.
 *
 * <pre>{@code
 * veridict-wrk requests 42123
 * veridict-wrk duration_us 5110000
 * veridict-wrk latency_us 6745 45598 161707
 * veridict-wrk socket_errors 0 0 0 0
 * veridict-wrk status 200 20547
 * veridict-wrk status 200 21576
 * veridict-wrk-cpu
 * 0m0.000000s 0m0.000000s
 * 0m0.070000s 0m0.310000s
 * }</pre>
 */
final class WrkOutput {

    /** The line before the shell's {@code times}. */
    static final String CPU_MARK = WrkScript.MARK + "-cpu";

    private static final Pattern LINE = Pattern.compile("^" + WrkScript.MARK + " (\\w+)((?: -?[0-9]+)+)\\s*$", Pattern.MULTILINE);
    private static final Pattern TIME = Pattern.compile("(\\d+)m(\\d+(?:\\.\\d+)?)s");
    private static final String[] SOCKET_ERRORS = {"socket connect error", "socket read error", "socket write error",
            "timeout (no answer within " + LedgerHttp.REQUEST_TIMEOUT.toSeconds() + " s)"};

    private WrkOutput() {
    }

    /**
     * @param output   everything the run printed
     * @param expected the statuses that count as answered; any other is an error
     * @return the run; its dev stack CPU is unknown ({@code -1}) until {@link LoadResult#withServiceCpu}
     * @throws IllegalArgumentException when the block is missing or incomplete
     */
    static LoadResult parse(String output, Set<Integer> expected) {
        Map<String, long[]> values = new LinkedHashMap<>();
        Map<Integer, Long> statuses = new TreeMap<>();
        Matcher line = LINE.matcher(output);
        while (line.find()) {
            long[] numbers = numbers(line.group(2));
            if (line.group(1).equals("status") && numbers.length == 2) {
                statuses.merge((int) numbers[0], numbers[1], Long::sum);
            } else {
                values.put(line.group(1), numbers);
            }
        }
        long[] duration = required(values, "duration_us", 1, output);
        long[] latency = required(values, "latency_us", 3, output);
        long[] socket = required(values, "socket_errors", 4, output);
        long completed = required(values, "requests", 1, output)[0];

        long answered = 0;
        Map<String, Long> errors = new TreeMap<>();
        for (Map.Entry<Integer, Long> status : statuses.entrySet()) {
            if (expected.contains(status.getKey())) {
                answered += status.getValue();
            } else {
                errors.merge("HTTP " + status.getKey(), status.getValue(), Long::sum);
            }
        }
        long counted = statuses.values().stream().mapToLong(Long::longValue).sum();
        if (completed > counted) {
            errors.merge("answer without a status", completed - counted, Long::sum);
        }
        for (int i = 0; i < SOCKET_ERRORS.length; i++) {
            if (socket[i] > 0) {
                errors.merge(SOCKET_ERRORS[i], socket[i], Long::sum);
            }
        }
        return new LoadResult(answered, duration[0] / 1e6, latency[0] / 1e3, latency[1] / 1e3, latency[2] / 1e3, errors,
                childCpuNanos(output), -1);
    }

    /**
     * @return the children's user + system CPU time from the {@code times} output after
     *         {@link #CPU_MARK}, in nanoseconds, or {@code -1} when absent
     */
    static long childCpuNanos(String output) {
        int mark = output.lastIndexOf(CPU_MARK + "\n");
        if (mark < 0) {
            return -1;
        }
        String[] lines = output.substring(mark + CPU_MARK.length() + 1).split("\n");
        if (lines.length < 2) {
            return -1;
        }
        Matcher time = TIME.matcher(lines[1]);
        long nanos = 0;
        int found = 0;
        while (time.find()) {
            nanos += Long.parseLong(time.group(1)) * 60_000_000_000L + Math.round(Double.parseDouble(time.group(2)) * 1e9);
            found++;
        }
        return found == 2 ? nanos : -1;
    }

    private static long[] numbers(String text) {
        String[] parts = text.trim().split(" ");
        long[] numbers = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            numbers[i] = Long.parseLong(parts[i]);
        }
        return numbers;
    }

    private static long[] required(Map<String, long[]> values, String name, int count, String output) {
        long[] numbers = values.get(name);
        if (numbers == null || numbers.length != count) {
            throw new IllegalArgumentException("wrk printed no '" + WrkScript.MARK + " " + name + "' line with " + count
                    + " numbers; its output:\n" + tail(output));
        }
        return numbers;
    }

    static String tail(String output) {
        return output.length() <= 2000 ? output : "..." + output.substring(output.length() - 2000);
    }
}
