/** Lockstep: a GitOps reconciler for Teleport Managed Updates. */
package dev.lockstep;
