/**
 * The MS-OAUT (OLE Automation) wire types, described once for the NDR engine: {@link
 * org.dcom4j.com.automation.wire.WireVariant} (VARIANT), {@link org.dcom4j.com.automation.wire.FlaggedWordBlob}
 * (BSTR), {@link org.dcom4j.com.automation.wire.WireSafeArray} (SAFEARRAY), {@link
 * org.dcom4j.com.automation.wire.Decimal}, {@link org.dcom4j.com.automation.wire.ExcepInfo}, {@link
 * org.dcom4j.com.automation.wire.DispParams} and IDispatch's parameter lists ({@link
 * org.dcom4j.com.automation.wire.Dispatch}). The friendly layer is {@code org.dcom4j.com.automation}.
 */
package org.dcom4j.com.automation.wire;
