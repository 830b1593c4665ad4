/**
 * OLE Automation (MS-OAUT) values for IDispatch: {@link org.dcom4j.com.automation.Variant} (VARIANT),
 * {@link org.dcom4j.com.automation.SafeArray} (SAFEARRAY), {@link org.dcom4j.com.automation.VarType}
 * (VARTYPE constants) and {@link org.dcom4j.com.automation.Variants}, the conversion to and from the
 * wire records of {@code org.dcom4j.com.automation.wire}, whose failures are {@link
 * org.dcom4j.com.automation.VariantException}s carrying the HRESULT to answer with.
 */
package org.dcom4j.com.automation;
