/** INTE report files: name parsing, selection rules and the sources they are read from. */
package org.integratedsync.credinvest;
