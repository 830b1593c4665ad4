/**
 * COM and DCOM (MS-DCOM): HRESULTs and well-known identifiers here; the wire structures in
 * {@code org.dcom4j.com.wire}.
 */
package org.dcom4j.com;
