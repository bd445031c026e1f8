/**
 * Run one repository test against every supported database: annotate the method with
 * {@link io.vigil.testkit.db.AllDatabasesTest} and take a {@link io.vigil.testkit.db.TestDatabase} parameter.
 * Each invocation gets a fresh, empty database (an in-memory H2 database, or a new schema in the
 * PostgreSQL named by {@code VIGIL_TEST_PG_URL}) that is dropped afterwards.
 *
 * <p>The fixture hands out a URL and credentials, not a pool or a migrated schema: the testkit must not
 * depend on {@code vigil-store}, whose own tests open the database through {@code Database.open}.
 */
package io.vigil.testkit.db;
