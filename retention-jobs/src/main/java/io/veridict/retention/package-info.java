/**
 * Retention planning and enforcement: tombstones on the compacted payloads topic,
 * crypto-shredding of tenant keys, and the chained record of what was erased and why.
 *
 * <p>Empty until the retention issue lands; the module exists so the dependency
 * graph ({@code api-dropwizard -> retention-jobs -> schemas}) is fixed from the start.
 */
package io.veridict.retention;
