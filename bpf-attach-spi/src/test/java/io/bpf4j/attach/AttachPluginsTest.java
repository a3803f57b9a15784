package io.bpf4j.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.attach.plugins.BtfTracepointPlugin;
import io.bpf4j.attach.plugins.RawTracepointPlugin;
import io.bpf4j.attach.plugins.TracepointPlugin;
import io.bpf4j.attach.plugins.UprobeMultiPlugin;
import io.bpf4j.attach.plugins.UsdtPlugin;
import io.bpf4j.attach.plugins.UprobePlugin;
import io.bpf4j.syscall.ProgramType;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AttachPluginsTest {

    /** A plugin claiming fixed prefixes, standing in for a third party's. */
    private static final class PrefixPlugin implements AttachPlugin {
        private final String name;
        private final Set<String> prefixes;

        PrefixPlugin(String name, String... prefixes) {
            this.name = name;
            this.prefixes = Set.of(prefixes);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Set<String> sectionPrefixes() {
            return prefixes;
        }

        @Override
        public ProgramDefinition define(String sectionName, LoadContext context) {
            return new ProgramDefinition(ProgramType.TRACEPOINT, null, 0, false, true);
        }

        @Override
        public Link attach(AttachContext context) {
            throw new UnsupportedOperationException("test plugin " + name + " does not attach");
        }
    }

    @Test
    void serviceLoaderFindsTheBuiltIns() {
        AttachPlugins plugins = AttachPlugins.load();
        Set<Class<?>> classes = plugins.plugins().stream().map(Object::getClass).collect(Collectors.toSet());
        assertTrue(classes.containsAll(Set.of(TracepointPlugin.class, RawTracepointPlugin.class,
                BtfTracepointPlugin.class, UprobePlugin.class)), classes.toString());
        // Each provider once, even though two class loaders were searched.
        assertEquals(classes.size(), plugins.plugins().size());
    }

    @Test
    void builtInsOwnTheirSections() {
        AttachPlugins plugins = AttachPlugins.load();
        assertEquals(TracepointPlugin.class, plugins.pluginFor("tp/sched/sched_switch").getClass());
        assertEquals(TracepointPlugin.class, plugins.pluginFor("tracepoint/syscalls/sys_enter_openat").getClass());
        assertEquals(TracepointPlugin.class, plugins.pluginFor("tp").getClass());
        assertEquals(RawTracepointPlugin.class, plugins.pluginFor("raw_tp/sys_enter").getClass());
        assertEquals(RawTracepointPlugin.class, plugins.pluginFor("raw_tracepoint.w/bpf_test_finish").getClass());
        assertEquals(BtfTracepointPlugin.class, plugins.pluginFor("tp_btf/sched_switch").getClass());
        assertEquals(UprobePlugin.class, plugins.pluginFor("uprobe//bin/true:main").getClass());
        assertEquals(UprobePlugin.class, plugins.pluginFor("uretprobe.s").getClass());
        assertEquals(UprobeMultiPlugin.class, plugins.pluginFor("uprobe.multi//bin/true:ma*").getClass());
        assertEquals(UprobeMultiPlugin.class, plugins.pluginFor("uretprobe.multi.s").getClass());
        assertEquals(UsdtPlugin.class, plugins.pluginFor("usdt//bin/x:p:n").getClass());
        assertEquals(UsdtPlugin.class, plugins.pluginFor("usdt.s").getClass());
    }

    @Test
    void prefixesMatchWholeComponents() {
        TracepointPlugin tp = new TracepointPlugin();
        assertTrue(tp.accepts("tp/a/b"));
        assertTrue(tp.accepts("tp"));
        assertFalse(tp.accepts("tp_btf/sched_switch"), "tp must not claim tp_btf");
        assertFalse(tp.accepts("tpx/a/b"));
        assertFalse(new UprobePlugin().accepts("uprobe.multi/x"));
        assertEquals(2, tp.matchLength("tp/a/b"));
        assertEquals(-1, tp.matchLength("kprobe/x"));
    }

    @Test
    void unknownSectionIsNamed() {
        AttachPlugins plugins = AttachPlugins.load();
        UnknownSectionException e = assertThrows(UnknownSectionException.class, () -> plugins.pluginFor("usdtx/x:p:n"));
        assertEquals("usdtx/x:p:n", e.sectionName());
        assertTrue(e.getMessage().contains("'usdtx/x:p:n'"), e.getMessage());
        assertTrue(e.getMessage().contains("tp_btf"), "lists the known prefixes: " + e.getMessage());
        assertTrue(plugins.find("no_such_prefix/x").isEmpty());
    }

    @Test
    void longestPrefixWins() {
        PrefixPlugin sched = new PrefixPlugin("sched-only", "tp/sched");
        AttachPlugins plugins = AttachPlugins.of(List.of(new TracepointPlugin(), sched));
        assertSame(sched, plugins.pluginFor("tp/sched/sched_switch"));
        assertEquals(TracepointPlugin.class, plugins.pluginFor("tp/syscalls/sys_enter_read").getClass());
        assertEquals(TracepointPlugin.class, plugins.pluginFor("tp/schedule/x").getClass());
    }

    @Test
    void equalClaimsAreAnError() {
        PrefixPlugin first = new PrefixPlugin("first", "tp");
        AttachPlugins plugins = AttachPlugins.of(List.of(new TracepointPlugin(), first));
        AmbiguousSectionException e = assertThrows(AmbiguousSectionException.class,
                () -> plugins.pluginFor("tp/sched/sched_switch"));
        assertTrue(e.getMessage().contains("tracepoint (" + TracepointPlugin.class.getName() + ")"), e.getMessage());
        assertTrue(e.getMessage().contains("first ("), e.getMessage());
        assertEquals("tp/sched/sched_switch", e.sectionName());
        // Sections only one of them claims stay unambiguous.
        assertEquals(TracepointPlugin.class, plugins.pluginFor("tracepoint/sched/sched_switch").getClass());
    }

    @Test
    void optionsOfAnotherPluginAreRefused() {
        AttachContext context = AttachContext.of(-1, "prog", "tp_btf/sched_switch", ProgramType.TRACING);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> new BtfTracepointPlugin().attach(context, new AttachOptions() { }));
        assertTrue(e.getMessage().contains("tp_btf"), e.getMessage());
    }

    @Test
    void sectionNamesHelpers() {
        assertEquals("sched/sched_switch", SectionNames.target("tp/sched/sched_switch", "tp"));
        assertEquals("", SectionNames.target("tp", "tp"));
        assertThrows(IllegalArgumentException.class, () -> SectionNames.target("raw_tp/x", "tp"));
        assertEquals("raw_tp.w", SectionNames.longestPrefix("raw_tp.w/x", List.of("raw_tp", "raw_tp.w")));
    }

    @Test
    void programDefinitionFlags() {
        assertEquals(ProgramDefinition.BPF_F_SLEEPABLE,
                new ProgramDefinition(ProgramType.KPROBE, null, 0, true, true).programFlags());
        assertEquals(0, new ProgramDefinition(ProgramType.KPROBE, null, 0, false, true).programFlags());
        assertThrows(IllegalArgumentException.class, () -> new ProgramDefinition(ProgramType.KPROBE, null, -1, false, true));
    }
}
