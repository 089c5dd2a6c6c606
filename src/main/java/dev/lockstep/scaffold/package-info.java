/**
 * Repository files that Lockstep writes for people to keep: a cluster folder made from what a
 * target observed in a live cluster ({@code lockstep import}) and a new repository ({@code lockstep
 * init}), rendered as commented YAML, and written without overwriting unless told to. Plain Java:
 * reads a cluster only through what the caller observed, never writes to one.
 */
package dev.lockstep.scaffold;
