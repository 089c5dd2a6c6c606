/**
 * Small HTTP clients (java.net.http) for the code-hosting platforms: GitHub's releases feed (paged,
 * ETag-cached, rate limits honoured) and, for GitHub, GitLab and Gitea, pull/merge requests,
 * comments updated in place by a hidden marker, and commit statuses. Tokens come from a file or an
 * environment variable and never reach a log, an exception message or a command line. Plain Java.
 */
package dev.lockstep.forge;
