package io.bpf4j.attach.plugins;

/** Which way traffic goes through a tc hook. */
public enum TcDirection {
    /** Packets arriving on the interface. */
    INGRESS,
    /** Packets leaving through the interface. */
    EGRESS
}
