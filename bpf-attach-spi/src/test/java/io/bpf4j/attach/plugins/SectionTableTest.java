package io.bpf4j.attach.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.attach.AttachPlugin;
import io.bpf4j.attach.AttachPlugins;
import io.bpf4j.attach.LoadContext;
import io.bpf4j.attach.ProgramDefinition;
import io.bpf4j.syscall.AttachType;
import io.bpf4j.syscall.ProgramType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every section name of the networking, cgroup, sampling and iterator plugins: which plugin owns
 * it (through the ServiceLoader registry, so a clash of prefixes fails here), what it loads as
 * (checked against libbpf's section table, libbpf.c {@code section_defs}), and what
 * {@code attachAll} would be told when it cannot attach it.
 */
class SectionTableTest {

    private static final AttachPlugins PLUGINS = AttachPlugins.load();

    @ParameterizedTest
    @CsvSource({
        "cgroup_skb/ingress, cgroup, CGROUP_SKB, CGROUP_INET_INGRESS",
        "cgroup_skb/egress, cgroup, CGROUP_SKB, CGROUP_INET_EGRESS",
        "cgroup/skb, cgroup, CGROUP_SKB, ",
        "cgroup/sock_create, cgroup, CGROUP_SOCK, CGROUP_INET_SOCK_CREATE",
        "cgroup/sock, cgroup, CGROUP_SOCK, CGROUP_INET_SOCK_CREATE",
        "cgroup/sock_release, cgroup, CGROUP_SOCK, CGROUP_INET_SOCK_RELEASE",
        "cgroup/post_bind4, cgroup, CGROUP_SOCK, CGROUP_INET4_POST_BIND",
        "sockops, cgroup, SOCK_OPS, CGROUP_SOCK_OPS",
        "cgroup/bind4, cgroup, CGROUP_SOCK_ADDR, CGROUP_INET4_BIND",
        "cgroup/connect6, cgroup, CGROUP_SOCK_ADDR, CGROUP_INET6_CONNECT",
        "cgroup/connect_unix, cgroup, CGROUP_SOCK_ADDR, CGROUP_UNIX_CONNECT",
        "cgroup/sendmsg4, cgroup, CGROUP_SOCK_ADDR, CGROUP_UDP4_SENDMSG",
        "cgroup/recvmsg_unix, cgroup, CGROUP_SOCK_ADDR, CGROUP_UNIX_RECVMSG",
        "cgroup/getpeername6, cgroup, CGROUP_SOCK_ADDR, CGROUP_INET6_GETPEERNAME",
        "cgroup/getsockname4, cgroup, CGROUP_SOCK_ADDR, CGROUP_INET4_GETSOCKNAME",
        "cgroup/getsockopt, cgroup, CGROUP_SOCKOPT, CGROUP_GETSOCKOPT",
        "cgroup/setsockopt, cgroup, CGROUP_SOCKOPT, CGROUP_SETSOCKOPT",
        "cgroup/sysctl, cgroup, CGROUP_SYSCTL, CGROUP_SYSCTL",
        "cgroup/dev, cgroup, CGROUP_DEVICE, CGROUP_DEVICE",
        "xdp, xdp, XDP, XDP",
        "xdp.frags, xdp, XDP, XDP",
        "xdp/devmap, xdp, XDP, XDP_DEVMAP",
        "xdp.frags/cpumap, xdp, XDP, XDP_CPUMAP",
        "tc, tc, SCHED_CLS, ",
        "classifier, tc, SCHED_CLS, ",
        "tcx/ingress, tc, SCHED_CLS, TCX_INGRESS",
        "tc/egress, tc, SCHED_CLS, TCX_EGRESS",
        "netkit/peer, tc, SCHED_CLS, NETKIT_PEER",
        "action, tc, SCHED_ACT, ",
        "socket, socket, SOCKET_FILTER, ",
        "sk_reuseport, socket, SK_REUSEPORT, SK_REUSEPORT_SELECT",
        "sk_reuseport/migrate, socket, SK_REUSEPORT, SK_REUSEPORT_SELECT_OR_MIGRATE",
        "sk_lookup, netns, SK_LOOKUP, SK_LOOKUP",
        "flow_dissector, netns, FLOW_DISSECTOR, FLOW_DISSECTOR",
        "sk_msg, sockmap, SK_MSG, SK_MSG_VERDICT",
        "sk_skb/stream_parser, sockmap, SK_SKB, SK_SKB_STREAM_PARSER",
        "sk_skb/verdict, sockmap, SK_SKB, SK_SKB_VERDICT",
        "netfilter, netfilter, NETFILTER, NETFILTER",
        "lwt_xmit, lwt, LWT_XMIT, ",
        "perf_event, perf_event, PERF_EVENT, ",
    })
    void manualSections(String section, String plugin, ProgramType type, AttachType attachType) {
        AttachPlugin owner = PLUGINS.pluginFor(section);
        assertEquals(plugin, owner.name());
        ProgramDefinition def = owner.define(section, () -> {
            throw new AssertionError("no BTF needed for " + section);
        });
        assertEquals(type, def.type());
        assertEquals(attachType, def.expectedAttachType());
        assertFalse(def.autoAttach(), section + " needs a target no section names");
        assertTrue(owner.manualAttachHint(section).contains(section), owner.manualAttachHint(section));
    }

    @Test
    void xdpFragsSetsItsLoadFlag() {
        assertEquals(ProgramDefinition.BPF_F_XDP_HAS_FRAGS,
                new XdpPlugin().define("xdp.frags", LoadContext.system()).programFlags());
        assertEquals(0, new XdpPlugin().define("xdp", LoadContext.system()).programFlags());
    }

    @ParameterizedTest
    @CsvSource({"iter/task, true", "iter/task_file, true", "iter/task_vma, true", "iter/bpf_map, true",
            "iter/bpf_map_elem, false", "iter/tcp, true", "iter/udp, true", "iter.s/task, true"})
    void iteratorsResolveTheirTargetInTheKernelsBtf(String section, boolean auto) {
        ProgramDefinition def = PLUGINS.pluginFor(section).define(section, LoadContext.system());
        assertEquals(ProgramType.TRACING, def.type());
        assertEquals(AttachType.TRACE_ITER, def.expectedAttachType());
        assertTrue(def.attachBtfId() > 0);
        assertEquals(auto, def.autoAttach());
        assertEquals(section.startsWith("iter.s"), def.sleepable());
    }

    @Test
    void everyPrefixHasOneOwner() {
        for (String prefix : PLUGINS.knownPrefixes()) {
            assertTrue(PLUGINS.find(prefix).isPresent(), prefix);
        }
        for (String section : List.of("kprobe/x", "kprobe.multi/x", "kretprobe.multi/x", "ksyscall/x", "fentry/x",
                "fentry.s/x", "lsm.s/x", "lsm_cgroup/x", "freplace/x", "iter/x", "uprobe/x:y", "tp/a/b", "raw_tp/x",
                "tp_btf/x", "tcx/ingress", "tc", "xdp.frags/devmap")) {
            assertTrue(PLUGINS.find(section).isPresent(), section);
        }
    }
}
