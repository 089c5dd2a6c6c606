/**
 * Notifications: events of the reconcile and of rollouts ({@link dev.lockstep.notify.Event}) sent
 * to Slack, Microsoft Teams, a signed generic webhook, commit statuses and a pull-request comment.
 * A {@link dev.lockstep.notify.Notifier} gives each sink its own bounded queue and thread, so a
 * slow or hanging sink never delays the caller nor the other sinks. Secrets are read from files, at
 * each delivery, and never appear in messages.
 */
package dev.lockstep.notify;
