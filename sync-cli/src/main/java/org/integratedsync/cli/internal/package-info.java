/**
 * Implementation of the integrated-sync command: configuration, logging, the run lock, the three
 * tasks and the run summary. Not an API; types here change without notice.
 */
package org.integratedsync.cli.internal;
