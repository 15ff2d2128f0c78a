package io.veridict.schemas.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.Encoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificFixed;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes generated Avro records in the binary encoding, value for value as
 * {@link SpecificDatumWriter} writes them (the same encoder calls in the same order, so the same
 * bytes), with what that writer decides again for every value (the field's conversion, the
 * logical type, the union branch) decided once per schema, or once per class for a union branch.
 *
 * <p>It covers what the ledger's schemas use: records, enums, fixed, arrays, unions, strings,
 * bytes, the primitive types and {@code timestamp-millis} as {@link Instant}. {@link #of} answers
 * null for a schema with anything else (maps, other logical types), to be written by
 * SpecificDatumWriter. A value it cannot write (a null where none is allowed, a value of an
 * unexpected class) fails with a {@link RuntimeException} after writing part of it: the caller
 * then starts over with SpecificDatumWriter, which writes it or fails with its own words.
 *
 * <p>Thread-safe.
 */
final class CompiledWriter<T> {

    /** Writes one value of one schema. */
    @FunctionalInterface
    private interface Node {
        void write(Object value, Encoder out) throws IOException;
    }

    /** Thrown while compiling: the schema holds something this class does not write. */
    private static final class Unsupported extends Exception {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    private static final Node NULL = (value, out) -> out.writeNull();
    private static final Node BOOLEAN = (value, out) -> out.writeBoolean((Boolean) value);
    private static final Node INT = (value, out) -> out.writeInt(((Number) value).intValue());
    private static final Node LONG = (value, out) -> out.writeLong(((Number) value).longValue());
    private static final Node FLOAT = (value, out) -> out.writeFloat(((Number) value).floatValue());
    private static final Node DOUBLE = (value, out) -> out.writeDouble(((Number) value).doubleValue());
    private static final Node STRING = (value, out) -> out.writeString((CharSequence) value);
    private static final Node BYTES = (value, out) -> out.writeBytes((ByteBuffer) value);
    private static final Node ENUM = (value, out) -> out.writeEnum(((Enum<?>) value).ordinal());
    /** A timestamp-millis long: an Instant as its epoch milliseconds (Avro's conversion), any other value as a number. */
    private static final Node TIMESTAMP_MILLIS = (value, out) -> out.writeLong(value instanceof Instant instant
            ? instant.toEpochMilli() : ((Number) value).longValue());

    private final Node root;

    private CompiledWriter(Node root) {
        this.root = root;
    }

    /** The writer of {@code schema}'s values, or null when the schema holds what this class does not write. */
    static <T> CompiledWriter<T> of(Schema schema, SpecificData model) {
        try {
            return new CompiledWriter<>(new Compiler(model).node(schema));
        } catch (Unsupported e) {
            return null;
        }
    }

    /** Writes {@code datum}; see the class comment for a failure. */
    void write(T datum, Encoder out) throws IOException {
        root.write(datum, out);
    }

    /** Builds the nodes of one schema; a record met again (a recursive schema) reuses its node. */
    private static final class Compiler {
        private final SpecificData model;
        private final Map<Schema, Node> records = new IdentityHashMap<>();

        Compiler(SpecificData model) {
            this.model = model;
        }

        Node node(Schema schema) throws Unsupported {
            LogicalType logical = schema.getLogicalType();
            if (logical != null) {
                return logical(schema, logical);
            }
            return switch (schema.getType()) {
                case NULL -> NULL;
                case BOOLEAN -> BOOLEAN;
                case INT -> INT;
                case LONG -> LONG;
                case FLOAT -> FLOAT;
                case DOUBLE -> DOUBLE;
                case STRING -> STRING;
                case BYTES -> BYTES;
                case ENUM -> ENUM;
                case FIXED -> fixed(schema.getFixedSize());
                case ARRAY -> array(node(schema.getElementType()));
                case UNION -> union(schema);
                case RECORD -> record(schema);
                default -> throw new Unsupported();
            };
        }

        /** Only timestamp-millis, and only when the model converts Instants as Avro's own conversion does. */
        private Node logical(Schema schema, LogicalType logical) throws Unsupported {
            if (schema.getType() != Schema.Type.LONG || !"timestamp-millis".equals(logical.getName())
                    || !(model.getConversionByClass(Instant.class, logical) instanceof TimeConversions.TimestampMillisConversion)) {
                throw new Unsupported();
            }
            return TIMESTAMP_MILLIS;
        }

        private static Node fixed(int size) {
            return (value, out) -> out.writeFixed(((GenericFixed) value).bytes(), 0, size);
        }

        private static Node array(Node element) {
            return (value, out) -> {
                Collection<?> items = (Collection<?>) value;
                out.writeArrayStart();
                out.setItemCount(items.size());
                for (Object item : items) {
                    out.startItem();
                    element.write(item, out);
                }
                out.writeArrayEnd();
            };
        }

        private Node union(Schema schema) throws Unsupported {
            List<Node> branches = new ArrayList<>();
            for (Schema branch : schema.getTypes()) {
                branches.add(node(branch));
            }
            return new UnionNode(schema, model, branches);
        }

        private Node record(Schema schema) throws Unsupported {
            Node known = records.get(schema);
            if (known != null) {
                return known;
            }
            RecordNode record = new RecordNode();
            records.put(schema, record);
            List<Schema.Field> fields = schema.getFields();
            record.positions = new int[fields.size()];
            record.fields = new Node[fields.size()];
            for (int i = 0; i < fields.size(); i++) {
                record.positions[i] = fields.get(i).pos();
                record.fields[i] = node(fields.get(i).schema());
            }
            return record;
        }
    }

    /** A record's fields in schema order, each read by position. */
    private static final class RecordNode implements Node {
        private int[] positions;
        private Node[] fields;

        @Override
        public void write(Object value, Encoder out) throws IOException {
            IndexedRecord record = (IndexedRecord) value;
            for (int i = 0; i < fields.length; i++) {
                fields[i].write(record.get(positions[i]), out);
            }
        }
    }

    /**
     * The branch Avro resolves a value to ({@link SpecificData#resolveUnion}), asked once per class
     * of value and remembered for the classes whose branch follows from the class alone.
     */
    private static final class UnionNode implements Node {
        private final Schema schema;
        private final SpecificData model;
        private final Node[] branches;
        private final int nullBranch;
        private final Map<Class<?>, Integer> byClass = new ConcurrentHashMap<>();

        UnionNode(Schema schema, SpecificData model, List<Node> branches) {
            this.schema = schema;
            this.model = model;
            this.branches = branches.toArray(new Node[0]);
            Integer index = schema.getIndexNamed(Schema.Type.NULL.getName());
            this.nullBranch = index == null ? -1 : index;
        }

        @Override
        public void write(Object value, Encoder out) throws IOException {
            int branch = value == null && nullBranch >= 0 ? nullBranch : branchOf(value);
            out.writeIndex(branch);
            branches[branch].write(value, out);
        }

        private int branchOf(Object value) {
            if (value == null) {
                return model.resolveUnion(schema, null);
            }
            Integer known = byClass.get(value.getClass());
            if (known != null) {
                return known;
            }
            int branch = model.resolveUnion(schema, value);
            if (fixedByClass(value)) {
                byClass.put(value.getClass(), branch);
            }
            return branch;
        }

        /** Whether every value of this value's class resolves to the same branch. */
        private static boolean fixedByClass(Object value) {
            return value instanceof SpecificRecord || value instanceof Enum || value instanceof SpecificFixed
                    || value instanceof String || value instanceof ByteBuffer || value instanceof Instant
                    || value instanceof Number || value instanceof Boolean;
        }
    }
}
