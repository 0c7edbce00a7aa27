/** Checks that documentation quotes the example code that the tests run. */
package org.integratedsync.testkit.docs;
