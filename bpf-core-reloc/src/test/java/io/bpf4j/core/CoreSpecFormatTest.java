package io.bpf4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfKind;
import io.bpf4j.btf.BtfType;
import io.bpf4j.btf.CoreRelocationKind;
import io.bpf4j.btf.CoreRelocationRecord;
import io.bpf4j.elf.object.ObjectSpec;
import io.bpf4j.elf.object.ProgramSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * libbpf's wording of a relocation's local access, the form verifier-log fix-ups print; the
 * expected ids, indexes, offsets and values are read from the object's BTF here.
 */
class CoreSpecFormatTest {

    @Test
    void kindsUseLibbpfsShortNames() {
        // libbpf relo_core.c core_relo_kind_str, in UAPI order.
        List<String> libbpf = List.of("byte_off", "byte_sz", "field_exists", "signed", "lshift_u64", "rshift_u64",
                "local_type_id", "target_type_id", "type_exists", "type_size", "enumval_exists", "enumval_value",
                "type_matches");
        for (CoreRelocationKind kind : CoreRelocationKind.values()) {
            assertEquals(libbpf.get(kind.value()), CoreSpecFormat.shortName(kind), kind.name());
        }
    }

    @Test
    void fieldEnumAndTypeAccessesReadAsLibbpfPrintsThem() {
        ObjectSpec object = TestObjects.object("core_report");
        Btf btf = TestObjects.btf(object);
        ProgramSpec report = TestObjects.program(object, "report");
        int task = btf.findByName("task_struct", BtfKind.STRUCT);
        List<BtfType.Member> members = ((BtfType.Struct) btf.type(task)).members();
        int comm = indexOf(members, "comm");
        BtfType.Enum pidType = (BtfType.Enum) btf.type(btf.findByName("pid_type", BtfKind.ENUM));
        long sid = pidType.values().stream().filter(v -> v.name().equals("PIDTYPE_SID")).findFirst().orElseThrow().value();

        assertEquals("<byte_off> [" + task + "] struct task_struct.comm (0:" + comm + " @ offset "
                + members.get(comm).bitOffset() / 8 + ")",
                CoreSpecFormat.format(btf, record(report, CoreRelocationKind.FIELD_BYTE_OFFSET, "0:" + comm)));
        CoreRelocationRecord value = record(report, CoreRelocationKind.ENUMVAL_VALUE, null);
        assertEquals("<enumval_value> [" + value.typeId() + "] enum pid_type::PIDTYPE_SID = " + sid,
                CoreSpecFormat.format(btf, value));
        CoreRelocationRecord size = record(report, CoreRelocationKind.TYPE_SIZE, "0");
        assertEquals("<type_size> [" + size.typeId() + "] struct task_struct", CoreSpecFormat.format(btf, size));
    }

    @Test
    void aRecordThatDoesNotFitTheBtfSaysWhy() {
        ObjectSpec object = TestObjects.object("core_report");
        Btf btf = TestObjects.btf(object);
        int task = btf.findByName("task_struct", BtfKind.STRUCT);
        String text = CoreSpecFormat.format(btf, new CoreRelocationRecord(0, task, "0:100000", CoreRelocationKind.FIELD_EXISTS));
        assertEquals(true, text.startsWith("<field_exists> [" + task + "] \"0:100000\" ("), text);
    }

    private static int indexOf(List<BtfType.Member> members, String name) {
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new AssertionError(name);
    }

    private static CoreRelocationRecord record(ProgramSpec p, CoreRelocationKind kind, String access) {
        return p.coreRelocations().stream().filter(r -> r.kind() == kind && (access == null || r.accessString().equals(access)))
                .findFirst().orElseThrow(() -> new AssertionError(kind + " " + access + " in " + p.coreRelocations()));
    }
}
