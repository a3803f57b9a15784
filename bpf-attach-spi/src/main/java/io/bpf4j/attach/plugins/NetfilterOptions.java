package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachOptions;

/**
 * Options of {@link NetfilterPlugin}: the netfilter hook.
 *
 * @param protocolFamily {@link #NFPROTO_IPV4} or {@link #NFPROTO_IPV6}
 * @param hook {@code NF_INET_PRE_ROUTING} (0), {@code LOCAL_IN} (1), {@code FORWARD} (2),
 *     {@code LOCAL_OUT} (3), {@code POST_ROUTING} (4)
 * @param priority the hook priority; not {@code Integer.MIN_VALUE} or {@code MAX_VALUE}
 * @param defragment ask for defragmented packets ({@code BPF_F_NETFILTER_IP_DEFRAG}, 6.6)
 */
public record NetfilterOptions(int protocolFamily, int hook, int priority, boolean defragment)
        implements AttachOptions {

    /** {@code NFPROTO_IPV4} (include/uapi/linux/netfilter.h). */
    public static final int NFPROTO_IPV4 = 2;
    /** {@code NFPROTO_IPV6}. */
    public static final int NFPROTO_IPV6 = 10;
    /** {@code NF_INET_LOCAL_IN}. */
    public static final int NF_INET_LOCAL_IN = 1;
    /** {@code NF_INET_LOCAL_OUT}. */
    public static final int NF_INET_LOCAL_OUT = 3;

    /** Checks the fields. */
    public NetfilterOptions {
        if (protocolFamily != NFPROTO_IPV4 && protocolFamily != NFPROTO_IPV6) {
            throw new IllegalArgumentException("netfilter links take NFPROTO_IPV4 or NFPROTO_IPV6: " + protocolFamily);
        }
        if (hook < 0 || hook > 4) {
            throw new IllegalArgumentException("hook is NF_INET_PRE_ROUTING (0) .. NF_INET_POST_ROUTING (4): " + hook);
        }
        if (priority == Integer.MIN_VALUE || priority == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the kernel reserves priorities INT_MIN and INT_MAX");
        }
    }
}
