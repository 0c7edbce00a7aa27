/** Implementation of the credinvest library; not an API. */
package org.integratedsync.credinvest.internal;
