/**
 * The COM object runtime behind {@link org.dcom4j.com.ComServer} and {@link org.dcom4j.com.ComClient}:
 * method tables derived from {@code @ComInterface} interfaces, the export table (OXID, OIDs, IPIDs,
 * reference counts), ORPC dispatch with Call access checks, IRemUnknown(2), the exporter's own
 * object resolver, the rpcss-facing ObjectServer, and the client's proxies, exporter bindings and
 * pinger. Public only because the facades live in the parent package: not an API, may change at will.
 */
package org.dcom4j.com.runtime;
