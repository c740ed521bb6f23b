/**
 * Secrets by reference: the port through which a host resolves what the config repo names (an
 * environment variable, Jenkins credentials an administrator mapped), told where each secret is
 * going; which references a host cannot resolve; and the redaction of every secret value seen, so
 * none reaches git, a log or an answer.
 */
package io.jenkins.plugins.imagefactory.secret;
