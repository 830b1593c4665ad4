/**
 * The launcher (the seed's DCOMLaunch): the one dcom4j process that starts COM servers. rpcss, which
 * never starts processes, asks it over a private AF_UNIX socket ({@link org.dcom4j.rpcss.launcher.LauncherClient},
 * {@link org.dcom4j.rpcss.launcher.LauncherProcess}); it checks the caller's kernel credentials, reads
 * the class's LocalServer32 and its AppID's RunAs from the config store itself, and starts the server
 * as that user ({@link org.dcom4j.rpcss.launcher.LauncherMain}).
 */
package org.dcom4j.rpcss.launcher;
