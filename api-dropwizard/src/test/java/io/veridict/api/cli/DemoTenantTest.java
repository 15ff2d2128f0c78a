package io.veridict.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoTenantTest {

    private static final String CONSOLE = """
            INFO  [2026-11-23 10:00:00] io.veridict: started
            Demo tenant created. Paste into your shell for the README's curl examples (the key is shown only now):
              export VERIDICT_TENANT=demo
              export VERIDICT_KEY=vdk_abcdefghijklmnop_secret123
              export VERIDICT_OPERATOR_TOKEN=vdo_token456
            """;

    @Test
    void shouldReadBackTheExportLinesItPrints() {
        assertThat(DemoTenant.exported(CONSOLE, "VERIDICT_TENANT")).contains("demo");
        assertThat(DemoTenant.exported(CONSOLE, "VERIDICT_KEY")).contains("vdk_abcdefghijklmnop_secret123");
        assertThat(DemoTenant.exported(CONSOLE, "VERIDICT_OPERATOR_TOKEN")).contains("vdo_token456");
    }

    @Test
    void shouldFindNothingWhenTheLineIsMissingOrOnlyAPrefixMatches() {
        assertThat(DemoTenant.exported("no exports here", "VERIDICT_KEY")).isEmpty();
        assertThat(DemoTenant.exported("  export VERIDICT_KEYS=x", "VERIDICT_KEY")).isEmpty();
    }

    @Test
    void shouldTakeTheLastValueWhenPrintedTwice() {
        assertThat(DemoTenant.exported(CONSOLE + "  export VERIDICT_TENANT=other\n", "VERIDICT_TENANT")).contains("other");
    }
}
