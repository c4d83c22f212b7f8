/** The hash-chained, append-only audit log of sign-ins and changes. */
package org.gridstation.gateway.audit;
