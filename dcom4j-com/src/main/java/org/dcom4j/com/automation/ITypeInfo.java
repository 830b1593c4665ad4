package org.dcom4j.com.automation;

import org.dcom4j.com.ComInterface;
import org.dcom4j.com.IUnknown;

/**
 * ITypeInfo (MS-OAUT 3.7), declared without methods: only so that IDispatch::GetTypeInfo's
 * {@code [out] ITypeInfo**} has its interface type. dcom4j serves no type information
 * ({@link AutoDispatch}: GetTypeInfoCount answers 0); a proxy of this type offers only {@code ComProxy}.
 */
@ComInterface("00020401-0000-0000-c000-000000000046")
public interface ITypeInfo extends IUnknown {
}
