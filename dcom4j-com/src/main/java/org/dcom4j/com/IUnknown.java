package org.dcom4j.com;

/**
 * The root of every {@link ComInterface} Java interface (IID 00000000-0000-0000-c000-000000000046).
 * AddRef, Release and QueryInterface have no Java methods here: a server object's references are
 * counted by the exporter (IRemUnknown), and a client proxy offers them through {@link ComProxy}.
 */
public interface IUnknown {
}
