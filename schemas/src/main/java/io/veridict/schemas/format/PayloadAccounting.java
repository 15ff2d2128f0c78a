package io.veridict.schemas.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Accounts for the absent payloads of one tenant's chain (spec §9.7): each must be named by an
 * <em>erasure record</em> after it, an entry of type {@code RETENTION_OPERATION} whose payload
 * is present and matching and whose {@code operation} erases ({@link #ERASING_OPERATIONS}).
 *
 * <p>Absent seqs arrive in seq order and are kept as runs {@code [from, to]}; the ranges of
 * erasure records are kept as they are written (a record names its seqs as ranges). Memory
 * grows with the number of runs and ranges, not with the number of payloads. Not thread-safe.
 *
 * @see "docs/ledger-format.md §9.7 Absent payloads"
 */
public final class PayloadAccounting {

    /** The {@code operation} values of a {@code retention_operation} payload that erase payloads. */
    public static final Set<String> ERASING_OPERATIONS = Set.of("RETENTION_APPLIED", "ERASURE_APPLIED", "TENANT_DELETED");

    /** The entry type of an erasure record. */
    public static final String ERASURE_ENTRY_TYPE = "RETENTION_OPERATION";

    /**
     * Runs of absent seqs: {from, to, position of from, step}. Within a run the position of seq
     * {@code q} is {@code position of from + step * (q - from)}: step 1 for positions that count
     * entries (lines, indexes), 0 for entries that share a position (one Kafka record); -1 while
     * the run has one seq.
     */
    private final List<long[]> absent = new ArrayList<>();
    /** Seqs named by erasure records, first record wins: from → {to, record seq}. */
    private final TreeMap<Long, long[]> named = new TreeMap<>();
    /** Erasure records in seq order: record seq → operation. */
    private final Map<Long, String> records = new TreeMap<>();

    /**
     * Notes that the payload of {@code seq} is absent.
     *
     * @param seq      the entry's seq; seqs arrive in increasing order
     * @param position the caller's position of the entry, reported if it stays unaccounted
     */
    public void absent(long seq, long position) {
        long[] last = absent.isEmpty() ? null : absent.get(absent.size() - 1);
        if (last != null && last[1] == seq - 1) {
            long lastPosition = last[2] + Math.max(0, last[3]) * (last[1] - last[0]);
            long step = position - lastPosition;
            if ((step == 0 || step == 1) && (last[3] < 0 || last[3] == step)) {
                last[1] = seq;
                last[3] = step;
                return;
            }
        }
        absent.add(new long[] {seq, seq, position, -1});
    }

    /**
     * Takes the payload of an entry that passed every check of §9.2 with its payload present;
     * if it is an erasure record, the seqs it names are accounted for. Anything else is ignored,
     * including an erasure record whose {@code ranges} break §9.7 (it accounts for nothing).
     *
     * @param entryType the entry's type
     * @param seq       the entry's seq
     * @param payload   its payload bytes (canonical JSON)
     */
    public void present(String entryType, long seq, byte[] payload) {
        if (!ERASURE_ENTRY_TYPE.equals(entryType)) {
            return;
        }
        ErasureRecord record = ErasureRecord.parseOrNull(seq, payload);
        if (record != null) {
            erasureRecord(record);
        }
    }

    /**
     * Takes an erasure record already parsed (by a caller that keeps only what it needs of a
     * payload). The caller vouches that the entry passed every check of §9.2.
     */
    public void erasureRecord(ErasureRecord record) {
        records.put(record.seq(), record.operation());
        for (long[] range : record.ranges()) {
            name(range[0], range[1], record.seq());
        }
    }

    /** Adds {@code [from, to]} to the named seqs, except where an earlier record named them. */
    private void name(long from, long to, long recordSeq) {
        long next = from;
        while (next <= to) {
            Map.Entry<Long, long[]> covering = named.floorEntry(next);
            if (covering != null && covering.getValue()[0] >= next) {
                next = covering.getValue()[0] + 1;
                continue;
            }
            Long following = named.higherKey(next);
            long end = following == null ? to : Math.min(to, following - 1);
            named.put(next, new long[] {end, recordSeq});
            next = end + 1;
        }
    }

    /**
     * The account at the end of the input.
     *
     * @return per erasure record, how many absent payloads it accounts for; and the absent
     *         payloads no record names
     */
    public Result finish() {
        Map<Long, long[]> byRecord = new TreeMap<>();
        records.keySet().forEach(seq -> byRecord.put(seq, new long[] {0}));
        long unaccounted = 0;
        long firstUnaccounted = -1;
        long firstPosition = -1;
        for (long[] run : absent) {
            long next = run[0];
            while (next <= run[1]) {
                Map.Entry<Long, long[]> covering = named.floorEntry(next);
                if (covering != null && covering.getValue()[0] >= next) {
                    long end = Math.min(run[1], covering.getValue()[0]);
                    byRecord.get(covering.getValue()[1])[0] += end - next + 1;
                    next = end + 1;
                    continue;
                }
                Long following = named.higherKey(next);
                long end = following == null ? run[1] : Math.min(run[1], following - 1);
                if (firstUnaccounted < 0) {
                    firstUnaccounted = next;
                    firstPosition = run[2] + Math.max(0, run[3]) * (next - run[0]);
                }
                unaccounted += end - next + 1;
                next = end + 1;
            }
        }
        List<Erasure> erasures = new ArrayList<>();
        byRecord.forEach((seq, count) -> erasures.add(new Erasure(seq, records.get(seq), count[0])));
        return new Result(Collections.unmodifiableList(erasures), unaccounted, firstUnaccounted, firstPosition);
    }

    /**
     * An erasure record: its seq, its operation and the seqs it names, as inclusive ranges in
     * increasing order, all below its own seq.
     */
    public record ErasureRecord(long seq, String operation, List<long[]> ranges) {

        /**
         * Reads an erasure record from a {@code retention_operation} payload.
         *
         * @return the record, or null when the payload is not an erasure record or its
         *         {@code ranges} break §9.7 (not an array of {@code [from, to]} integer pairs,
         *         {@code 0 <= from <= to}, increasing and disjoint, every seq below {@code seq})
         */
        public static ErasureRecord parseOrNull(long seq, byte[] payload) {
            JsonNode root;
            try {
                root = StrictJsonParser.parse(payload);
            } catch (CanonicalJsonException e) {
                return null;
            }
            if (!root.isObject() || !"retention_operation".equals(text(root.get("kind")))) {
                return null;
            }
            String operation = text(root.get("operation"));
            JsonNode ranges = root.get("ranges");
            if (operation == null || !ERASING_OPERATIONS.contains(operation) || ranges == null || !ranges.isArray()) {
                return null;
            }
            List<long[]> parsed = new ArrayList<>();
            long after = -1;
            for (JsonNode range : ranges) {
                if (!range.isArray() || range.size() != 2 || !range.get(0).canConvertToExactIntegral()
                        || !range.get(1).canConvertToExactIntegral() || !range.get(0).canConvertToLong()
                        || !range.get(1).canConvertToLong()) {
                    return null;
                }
                long from = range.get(0).asLong();
                long to = range.get(1).asLong();
                if (from <= after || to < from || to >= seq) {
                    return null;
                }
                parsed.add(new long[] {from, to});
                after = to;
            }
            return new ErasureRecord(seq, operation, List.copyOf(parsed));
        }

        private static String text(JsonNode node) {
            return node != null && node.isTextual() ? node.textValue() : null;
        }
    }

    /**
     * What one erasure record accounts for.
     *
     * @param seq       the record's seq
     * @param operation its operation
     * @param erased    how many of the absent payloads in the input it is the first to name
     */
    public record Erasure(long seq, String operation, long erased) {
    }

    /**
     * The account of a chain's absent payloads.
     *
     * @param erasures               every erasure record in the input, in seq order, with what it accounts for
     * @param unaccounted            absent payloads no erasure record names
     * @param firstUnaccountedSeq    the lowest of them, or -1
     * @param firstUnaccountedPosition the caller's position of that entry, or -1
     */
    public record Result(List<Erasure> erasures, long unaccounted, long firstUnaccountedSeq,
                         long firstUnaccountedPosition) {

        /** The account of an input without absent payloads or erasure records. */
        public static final Result NOTHING_ABSENT = new Result(List.of(), 0, -1, -1);

        /** Absent payloads that erasure records account for. */
        public long accounted() {
            return erasures.stream().mapToLong(Erasure::erased).sum();
        }
    }
}
