/**
 * Spoken prompts in Mandarin, switchable per station ({@code speech.enabled}): the scan result and
 * the ticket number, through a command-line speech engine (espeak-ng by default) or not at all.
 */
package org.gridstation.kiosk.speech;
