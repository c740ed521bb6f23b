/**
 * The one retry policy of the engine (bounded attempts, exponential backoff with jitter) and how an I/O failure is worded; every network client uses them, none
 * has its own loop rules.
 */
package io.jenkins.plugins.imagefactory.retry;
