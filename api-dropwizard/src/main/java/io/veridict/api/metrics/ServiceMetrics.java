package io.veridict.api.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The service's metrics, in one Prometheus registry served on the admin port
 * ({@code /prometheus}).
 *
 * <p>Labels are bounded: routes are URI templates, error codes come from the catalogue,
 * rate-limit tiers are two, outcome statuses and reasons are the chain's. No label carries a
 * tenant id, key id, decision id or client address.
 *
 * <p>Refusals are counted where every error body is made ({@code ErrorResponses}), and
 * rate-limit refusals where the limiter refuses: both through the static hooks below, which count
 * nothing until {@link #install} has run (unit tests of single classes, tools).
 */
public final class ServiceMetrics {

    private static volatile MeterRegistry installed = new CompositeMeterRegistry();

    private ServiceMetrics() {
    }

    /** A registry with the JVM's metrics bound, made the target of the static hooks. */
    public static PrometheusMeterRegistry install() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // The ledger's RocksDB stores that erase on delete report their state metrics under their
        // own tag key; Prometheus needs one set of label names per metric name.
        registry.config().meterFilter(MeterFilter.renameTag("kafka.stream.state", "erasing.rocksdb.state.id", "rocksdb.state.id"));
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        installed = registry;
        return registry;
    }

    /** An error response was made: its catalogue code and HTTP status. */
    public static void errorResponse(String code, int status) {
        installed.counter("veridict.error.responses", "code", code, "status", Integer.toString(status)).increment();
    }

    /** A request was refused by the rate limiter of {@code tier} ({@code client-ip} or {@code tenant}). */
    public static void rateLimited(String tier) {
        installed.counter("veridict.rate.limited", "tier", tier).increment();
    }
}
