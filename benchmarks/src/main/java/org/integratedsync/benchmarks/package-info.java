/** Performance scenarios for the pipeline. */
package org.integratedsync.benchmarks;
