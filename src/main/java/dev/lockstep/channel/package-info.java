/**
 * Release channels as Teleport's version servers answer them (teleport-semantics §13.1, §13.2): the
 * bodies of {@code <channel>/version} and {@code <channel>/critical}, computed once per revision,
 * and their export to a folder for static hosting. Plain Java: the {@code serve} endpoints and the
 * {@code export-channels} command share it.
 */
package dev.lockstep.channel;
