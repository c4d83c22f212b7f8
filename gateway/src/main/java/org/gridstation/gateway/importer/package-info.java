/**
 * Import of grids, stations and people from the CSV exports the towns already keep (UTF-8 with or
 * without a byte-order mark, or GBK): every bad row is reported with its line number and reason,
 * and nothing is imported from a file with errors unless the user forces it.
 */
package org.gridstation.gateway.importer;
