/**
 * Database warehouses: {@link io.github.loomfactory.jdbc.PostgresWarehouse} (COPY) and
 * {@link io.github.loomfactory.jdbc.DuckDbWarehouse} (Appender), configured by
 * {@link io.github.loomfactory.jdbc.PostgresSettings} and {@link io.github.loomfactory.jdbc.DuckDbSettings};
 * PostgreSQL passwords come from a {@link io.github.loomfactory.jdbc.PasswordSource}.
 */
package io.github.loomfactory.jdbc;
