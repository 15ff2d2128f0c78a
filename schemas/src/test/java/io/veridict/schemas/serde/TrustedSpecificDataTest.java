package io.veridict.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veridict.schemas.avro.ActorKind;
import io.veridict.schemas.avro.LedgerCommand;
import io.veridict.schemas.avro.Sha256;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/** The serdes resolve our generated classes without widening Avro's trust for the whole JVM. */
class TrustedSpecificDataTest {

    private final TrustedSpecificData model = TrustedSpecificData.forClass(LedgerCommand.class);


    @Test
    void shouldBeNeededBecauseAvrosDefaultModelRefusesOurClasses() {
        assertThatThrownBy(() -> new SpecificDatumWriter<>(LedgerCommand.getClassSchema()))
                .isInstanceOf(SecurityException.class);
    }

    @Test
    void shouldResolveGeneratedRecordsEnumsAndFixedWithoutTheSerializablePackagesProperty() {
        assertThat(model.getClass(LedgerCommand.getClassSchema())).isEqualTo(LedgerCommand.class);
        assertThat(model.getClass(ActorKind.getClassSchema())).isEqualTo(ActorKind.class);
        assertThat(model.getClass(Sha256.getClassSchema())).isEqualTo(Sha256.class);
    }

    @Test
    void shouldCarryTheTimestampConversionOfTheGeneratedModel() {
        assertThat(model.getConversions()).hasSameSizeAs(
                SpecificData.getForClass(LedgerCommand.class).getConversions()).isNotEmpty();
    }

    @Test
    void shouldStillRefuseClassesOutsideTheTrustedPackage() {
        Schema outside = Schema.createRecord("ProcessBuilder", null, "java.lang", false, List.of());

        assertThatThrownBy(() -> model.getClass(outside)).isInstanceOf(SecurityException.class);
    }

    @Test
    void shouldNotTrustClassesOfThePackageThatAreNotAvroTypes() {
        Schema protocol = Schema.createRecord(
                "VeridictLedger", null, "io.veridict.schemas.avro", false, List.of());

        assertThatThrownBy(() -> model.getClass(protocol)).isInstanceOf(SecurityException.class);
    }
}
