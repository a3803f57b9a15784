package io.bpf4j.loader.internal;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfType;
import io.bpf4j.elf.object.DataSectionKind;
import io.bpf4j.elf.object.DataSectionSpec;
import io.bpf4j.elf.object.ExternKind;
import io.bpf4j.elf.object.ExternSpec;
import io.bpf4j.elf.object.ObjectSpec;
import io.bpf4j.loader.ExternResolutionException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The value of an object's {@code .kconfig} map, laid out as libbpf lays it out
 * ({@code bpf_object__collect_externs}): the {@code __kconfig} externs sorted by alignment
 * (largest first), then size (smallest first), then name, each placed at the next offset its
 * alignment allows. The map is one array entry of that size; programs read an extern with an
 * {@code ld_imm64} of the map value at its offset. Decided from the object alone (no kernel).
 *
 * @param objectName the object's name
 * @param externs    the externs, in layout order
 * @param size       the value's size in bytes (0 when there is no kconfig extern)
 * @param datasecId  the {@code .kconfig} DATASEC in the object's BTF, 0 if none
 */
public record KconfigLayout(String objectName, List<KconfigExtern> externs, int size, int datasecId) {
    /** The section (and map) name libbpf gives the externs' map. */
    public static final String SECTION = ".kconfig";

    /** Copies the list. */
    public KconfigLayout {
        externs = List.copyOf(externs);
    }

    /**
     * @param spec the object
     * @return its kconfig layout
     * @throws ExternResolutionException for an extern of a type libbpf does not accept
     */
    public static KconfigLayout of(ObjectSpec spec) {
        List<ExternSpec> kconfig = spec.externs().stream().filter(e -> e.kind() == ExternKind.KCONFIG).toList();
        if (kconfig.isEmpty() || spec.btf().isEmpty()) {
            return new KconfigLayout(spec.name(), List.of(), 0, 0);
        }
        Btf btf = spec.btf().get();
        record Typed(ExternSpec extern, KconfigType type, int size, int align, boolean signed) {
        }
        List<Typed> typed = new ArrayList<>();
        for (ExternSpec e : kconfig) {
            BtfType var = btf.type(e.btfTypeId());
            if (!(var instanceof BtfType.Var v)) {
                throw new ExternResolutionException(spec.name(), e.name(), null, "not a BTF VAR in .kconfig");
            }
            int typeId = btf.resolve(v.type());
            KconfigType type = typeOf(btf, typeId);
            if (type == null) {
                throw new ExternResolutionException(spec.name(), e.name(), null, "type '" + describe(btf, typeId)
                        + "' is not supported for a __kconfig extern (bool, char, enum libbpf_tristate, integers of"
                        + " 1, 2, 4 or 8 bytes, char arrays)");
            }
            BtfType t = btf.type(typeId);
            int size = (int) btf.sizeOf(typeId);
            int align = type == KconfigType.CHAR_ARRAY ? 1 : Math.min(size, 8);
            boolean signed = t instanceof BtfType.Int i && i.isSigned();
            typed.add(new Typed(e, type, size, align, signed));
        }
        typed.sort(Comparator.comparingInt((Typed t) -> -t.align()).thenComparingInt(Typed::size)
                .thenComparing(t -> t.extern().name()));
        List<KconfigExtern> out = new ArrayList<>();
        int offset = 0;
        for (Typed t : typed) {
            offset = (offset + t.align() - 1) / t.align() * t.align();
            out.add(new KconfigExtern(t.extern().name(), t.extern().weak(), t.type(), t.size(), t.align(), t.signed(),
                    offset, t.extern().btfTypeId()));
            offset += t.size();
        }
        int datasecId = btf.datasec(SECTION).map(BtfType.Datasec::id).orElse(0);
        return new KconfigLayout(spec.name(), out, offset, datasecId);
    }

    /** {@return whether the object has no kconfig extern (then there is no {@code .kconfig} map)} */
    public boolean isEmpty() {
        return externs.isEmpty();
    }

    /** {@return the extern of that name} */
    public Optional<KconfigExtern> find(String name) {
        return externs.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** {@return the map's kernel name, built as for data sections: {@code <object prefix>.kconfig}} */
    public String kernelMapName() {
        int room = Math.max(size, 1);
        return new DataSectionSpec(SECTION, DataSectionKind.RODATA, new byte[room], room, datasecId, List.of())
                .kernelMapName(objectName);
    }

    /** libbpf's {@code find_kcfg_type}; null when unsupported. */
    private static KconfigType typeOf(Btf btf, int id) {
        BtfType t = btf.type(id);
        if (t instanceof BtfType.Int i) {
            if (i.isBool()) {
                return i.size() == 1 ? KconfigType.BOOL : null;
            }
            if (i.size() == 1) {
                return KconfigType.CHAR;
            }
            return i.size() == 2 || i.size() == 4 || i.size() == 8 ? KconfigType.INT : null;
        }
        if (t instanceof BtfType.Enum en) {
            return en.size() == 4 && en.name().equals("libbpf_tristate") ? KconfigType.TRISTATE : null;
        }
        if (t instanceof BtfType.Enum64 en) {
            return en.name().equals("libbpf_tristate") ? KconfigType.TRISTATE : null;
        }
        if (t instanceof BtfType.Array a) {
            return a.elementCount() != 0 && typeOf(btf, btf.resolve(a.elementType())) == KconfigType.CHAR
                    ? KconfigType.CHAR_ARRAY : null;
        }
        return null;
    }

    private static String describe(Btf btf, int id) {
        BtfType t = btf.type(id);
        return t.kind() + (t.name().isEmpty() ? "" : " " + t.name());
    }
}
