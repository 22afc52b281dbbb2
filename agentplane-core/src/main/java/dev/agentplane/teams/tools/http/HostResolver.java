package dev.agentplane.teams.tools.http;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Every address a host name stands for. The JVM caches answers (30 s), so the request connects to what was checked. */
@FunctionalInterface
public interface HostResolver {
    HostResolver SYSTEM = InetAddress::getAllByName;

    InetAddress[] resolve(String host) throws UnknownHostException;
}
