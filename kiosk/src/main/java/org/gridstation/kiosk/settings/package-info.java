/** Fleet configuration: the versioned settings the town pushes, applied with the previous version kept. */
package org.gridstation.kiosk.settings;
