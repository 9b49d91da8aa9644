/** Database warehouses. */
package io.github.loomfactory.jdbc;
