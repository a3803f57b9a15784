package io.bpf4j.loader.internal;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfBuilder;
import io.bpf4j.btf.BtfType;
import io.bpf4j.btf.FuncLinkage;
import io.bpf4j.btf.VarLinkage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes an object's extern DATASECs acceptable to {@code BPF_BTF_LOAD}, as libbpf does at open
 * ({@code bpf_object__collect_externs}): the kernel refuses a DATASEC of size 0, variables with
 * extern linkage, functions with extern linkage and anything but VARs in a DATASEC.
 * <ul>
 *   <li>{@code .kconfig}: each VAR becomes global-allocated, placed at its offset in the
 *       {@link KconfigLayout}; the DATASEC gets the layout's size (the map's value BTF);</li>
 *   <li>{@code .ksyms}: each VAR becomes a global-allocated {@code int}; each kfunc's FUNC
 *       becomes global and its DATASEC entry points to one added VAR {@code dummy_ksym}, whose
 *       name is also given to unnamed prototype parameters; entries are 4 bytes apart.</li>
 * </ul>
 * Every other type is written back unchanged, in id order, over the same strings, so type ids
 * and the string offsets {@code .BTF.ext} uses stay valid.
 */
public final class ExternBtf {
    /** libbpf's name for the stand-in variable of kfuncs in {@code .ksyms}. */
    static final String DUMMY_KSYM = "dummy_ksym";

    private ExternBtf() {
    }

    /**
     * @param btf    the object's BTF, data sections already laid out
     * @param kconfig the object's kconfig layout
     * @return the BTF to load, or {@code btf} when it has no extern DATASEC
     */
    public static Btf apply(Btf btf, KconfigLayout kconfig) {
        BtfType.Datasec ksyms = btf.datasec(".ksyms").orElse(null);
        BtfType.Datasec kcfg = btf.datasec(KconfigLayout.SECTION).orElse(null);
        if (ksyms == null && kcfg == null) {
            return btf;
        }
        Set<Integer> ksymVars = new HashSet<>();
        Set<Integer> ksymFuncs = new HashSet<>();
        Set<Integer> protosToName = new HashSet<>();
        if (ksyms != null) {
            for (BtfType.VarSecInfo v : ksyms.vars()) {
                BtfType t = btf.type(v.type());
                if (t instanceof BtfType.Func f) {
                    ksymFuncs.add(f.id());
                    protosToName.add(f.type());
                } else {
                    ksymVars.add(v.type());
                }
            }
        }
        Map<Integer, KconfigExtern> kcfgVars = new HashMap<>();
        if (kcfg != null) {
            for (BtfType.VarSecInfo v : kcfg.vars()) {
                kconfig.find(btf.name(v.type())).ifPresent(e -> kcfgVars.put(v.type(), e));
            }
        }
        int intId = findInt(btf);
        BtfBuilder b = BtfBuilder.withStringsOf(btf);
        int next = btf.typeCount();
        int dummyId = ksymFuncs.isEmpty() ? 0 : next + (intId == 0 ? 1 : 0);
        for (int id = btf.firstTypeId(); id < btf.typeCount(); id++) {
            b.add(rewrite(btf, btf.type(id), ksyms, kcfg, ksymVars, ksymFuncs, protosToName, kcfgVars, kconfig,
                    intId == 0 ? next : intId, dummyId));
        }
        if (intId == 0) {
            intId = b.add(new BtfType.Int(0, "int", 4, BtfType.Int.SIGNED, 0, 32));
        }
        if (dummyId != 0) {
            b.add(new BtfType.Var(0, DUMMY_KSYM, intId, VarLinkage.GLOBAL_ALLOCATED));
        }
        return b.build(btf.origin());
    }

    private static BtfType rewrite(Btf btf, BtfType t, BtfType.Datasec ksyms, BtfType.Datasec kcfg,
            Set<Integer> ksymVars, Set<Integer> ksymFuncs, Set<Integer> protosToName,
            Map<Integer, KconfigExtern> kcfgVars, KconfigLayout kconfig, int intId, int dummyId) {
        if (t instanceof BtfType.Var v && ksymVars.contains(v.id())) {
            return new BtfType.Var(v.id(), v.name(), intId, VarLinkage.GLOBAL_ALLOCATED);
        }
        if (t instanceof BtfType.Var v && kcfgVars.containsKey(v.id())) {
            return new BtfType.Var(v.id(), v.name(), v.type(), VarLinkage.GLOBAL_ALLOCATED);
        }
        if (t instanceof BtfType.Func f && ksymFuncs.contains(f.id())) {
            return new BtfType.Func(f.id(), f.name(), f.type(), FuncLinkage.GLOBAL);
        }
        if (t instanceof BtfType.FuncProto p && protosToName.contains(p.id())) {
            List<BtfType.Param> params = new ArrayList<>();
            for (BtfType.Param param : p.params()) {
                params.add(param.type() != 0 && param.name().isEmpty() ? new BtfType.Param(DUMMY_KSYM, param.type())
                        : param);
            }
            return new BtfType.FuncProto(p.id(), p.name(), p.returnType(), params);
        }
        if (ksyms != null && t.id() == ksyms.id()) {
            List<BtfType.VarSecInfo> vars = new ArrayList<>();
            int offset = 0;
            for (BtfType.VarSecInfo v : ksyms.vars()) {
                int type = ksymFuncs.contains(v.type()) ? dummyId : v.type();
                vars.add(new BtfType.VarSecInfo(type, offset, 4));
                offset += 4;
            }
            return new BtfType.Datasec(ksyms.id(), ksyms.name(), offset, vars);
        }
        if (kcfg != null && t.id() == kcfg.id()) {
            List<BtfType.VarSecInfo> vars = new ArrayList<>();
            for (BtfType.VarSecInfo v : kcfg.vars()) {
                KconfigExtern e = kcfgVars.get(v.type());
                vars.add(e == null ? v : new BtfType.VarSecInfo(v.type(), e.offset(), e.size()));
            }
            // The kernel wants a DATASEC's variables in offset order.
            vars.sort(Comparator.comparingInt(BtfType.VarSecInfo::offset));
            return new BtfType.Datasec(kcfg.id(), kcfg.name(), kconfig.size(), vars);
        }
        return t;
    }

    /** libbpf's {@code find_int_btf_id}: a 4-byte, 32-bit integer already in the BTF, 0 if none. */
    private static int findInt(Btf btf) {
        for (int id = btf.firstTypeId(); id < btf.typeCount(); id++) {
            if (btf.type(id) instanceof BtfType.Int i && i.size() == 4 && i.bits() == 32 && i.bitOffset() == 0) {
                return id;
            }
        }
        return 0;
    }
}
