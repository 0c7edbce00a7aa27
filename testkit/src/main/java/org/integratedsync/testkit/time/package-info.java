/** Time for tests: a clock that moves only when a test moves it. */
package org.integratedsync.testkit.time;
