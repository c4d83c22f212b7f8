/**
 * Sign-in and roles for the command centre: accounts with argon2id password hashes, server-side
 * sessions, API tokens for machines, sign-in throttling, the first admin's one-time password, and
 * the scope of each role in the grid tree.
 */
package org.gridstation.gateway.auth;
