/**
 * The pages of {@code lockstep serve}'s dashboard: the fleet, one page per cluster with the
 * timeline picture, the release channels, the findings and the reconcile history, rendered on the
 * server from records ({@link dev.lockstep.dashboard.DashboardInput}) to HTML, plus the one style
 * sheet and the one small script the pages load. Pure: reads no clock, no file, no network; every
 * name, message and path is escaped.
 */
package dev.lockstep.dashboard;
