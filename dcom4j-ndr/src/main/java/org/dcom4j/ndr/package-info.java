/**
 * NDR 2.0 (C706 chapter 14) encoding and decoding of annotated Java records.
 *
 * <p>Entry point: {@link org.dcom4j.ndr.NdrCodec#of(Class)}. A record describes an NDR structure,
 * or with {@link org.dcom4j.ndr.NdrParameters} an operation's parameter list; annotations on its
 * components give the NDR shape ({@link org.dcom4j.ndr.Unique}, {@link org.dcom4j.ndr.SizeIs},
 * {@link org.dcom4j.ndr.NdrString}, {@link org.dcom4j.ndr.SwitchIs}, …). Codecs are derived once by
 * reflection and cached; nothing is marshaled by hand per structure. A parameter list described at
 * run time (a COM method's parameters and return value) goes through the same derivation with
 * {@link org.dcom4j.ndr.NdrParameterCodec#of(java.util.List)} and
 * {@link org.dcom4j.ndr.NdrParameter}.
 *
 * <p>Threading: codecs are immutable and may be shared; {@link org.dcom4j.ndr.NdrBuffer} belongs to
 * one caller at a time. Decoding untrusted bytes throws only {@link org.dcom4j.ndr.NdrException}.
 */
package org.dcom4j.ndr;
