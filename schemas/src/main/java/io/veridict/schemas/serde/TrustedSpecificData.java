package io.veridict.schemas.serde;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificFixed;
import org.apache.avro.specific.SpecificRecord;

/**
 * The Avro data model the serdes read and write generated classes with.
 *
 * <p>Avro 1.12 resolves a schema's class only if the class passes
 * {@code ClassSecurityValidator}, which by default trusts nothing outside {@code java.lang} and
 * {@code java.math} unless the JVM-wide system property
 * {@code org.apache.avro.SERIALIZABLE_PACKAGES} lists its package. Instead of widening that for
 * the whole JVM, this model resolves exactly the generated Avro types (records, enums, fixed) of
 * one package, the package of the serde's target class, through the target's class loader.
 * Every other name, and every {@code java-class} schema property, still goes through Avro's
 * validator. The classes resolved come from the reader schema (ours), never from the writer
 * schema a registry hands out.
 *
 * <p>It carries the logical-type conversions of the target class's generated {@code MODEL$}
 * (e.g. {@code timestamp-millis} to {@link java.time.Instant}), as Avro's default model would.
 */
public final class TrustedSpecificData extends SpecificData {

    private final String trustedPackage;
    private final ConcurrentMap<String, Class<?>> generated = new ConcurrentHashMap<>();

    private TrustedSpecificData(ClassLoader classLoader, String trustedPackage) {
        super(classLoader);
        this.trustedPackage = trustedPackage;
    }

    /** The model for reading and writing {@code type} and the types it contains. */
    public static TrustedSpecificData forClass(Class<? extends SpecificRecord> type) {
        TrustedSpecificData model = new TrustedSpecificData(type.getClassLoader(),
                type.getPackageName());
        SpecificData.getForClass(type).getConversions().forEach(model::addLogicalTypeConversion);
        return model;
    }

    @Override
    public Class<?> getClass(Schema schema) {
        Class<?> type = generatedClass(schema);
        return type != null ? type : super.getClass(schema);
    }

    private Class<?> generatedClass(Schema schema) {
        Schema.Type kind = schema.getType();
        if (kind != Schema.Type.RECORD && kind != Schema.Type.ENUM && kind != Schema.Type.FIXED) {
            return null;
        }
        if (!trustedPackage.equals(schema.getNamespace())) {
            return null;
        }
        // Keyed by the schema's full name, which Avro keeps ready; the class name is only
        // built on the first lookup.
        return generated.computeIfAbsent(schema.getFullName(), name -> loadGenerated(getClassName(schema)));
    }

    /** The class, if it exists and is a generated Avro type; else {@code null} (not cached). */
    private Class<?> loadGenerated(String className) {
        Class<?> type;
        try {
            type = Class.forName(className, false, getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
        boolean avroType = SpecificRecord.class.isAssignableFrom(type)
                || (type.isEnum() && GenericEnumSymbol.class.isAssignableFrom(type))
                || SpecificFixed.class.isAssignableFrom(type);
        return avroType ? type : null;
    }
}
