/** The integrated-sync command line application. */
package org.integratedsync.cli;
