package io.bpf4j.loader.internal;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfKind;
import io.bpf4j.btf.BtfType;
import io.bpf4j.elf.object.StructOpsSpec;
import io.bpf4j.loader.StructOpsException;
import io.bpf4j.syscall.ProgramType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * A struct_ops map translated from the object's struct to the running kernel's, as libbpf's
 * {@code bpf_map__init_kern_struct_ops} does.
 *
 * <p>The kernel does not take the object's struct: it takes {@code struct bpf_struct_ops_<name>}
 * (its own wrapper holding the registration state and, in a member whose type is the ops struct,
 * the ops themselves), laid out as the running kernel declares it. Members are matched by name, so
 * an object compiled against another kernel's headers still fits: data members are copied to the
 * kernel's offsets (same kind and size required), function pointer members get the descriptor of
 * the program they point at once it is loaded, and each such program is loaded with
 * {@code attach_btf_id} = the kernel struct's id and {@code expected_attach_type} = the kernel
 * member's index. A member the kernel lacks is skipped when it is zero (and its program then
 * implements nothing), refused otherwise.
 */
public final class StructOpsLayout {
    /** {@code BPF_F_LINK} (include/uapi/linux/bpf.h, Linux 6.4): a struct_ops map registered through a bpf_link. */
    public static final int BPF_F_LINK = 1 << 13;
    /** The kernel's wrapper type of an ops struct {@code X} is {@code struct bpf_struct_ops_X} (kernel/bpf/bpf_struct_ops.c). */
    private static final String VALUE_TYPE_PREFIX = "bpf_struct_ops_";
    /** Function pointers are stored as {@code unsigned long} holding the program fd (libbpf's bpf_map_prepare_vdata). */
    private static final int POINTER_SIZE = 8;

    /**
     * A function pointer member set to a program.
     *
     * @param member      the member's name
     * @param program     the program's name
     * @param memberIndex the member's index in the kernel struct ({@code expected_attach_type} at load)
     * @param valueOffset where the program's fd goes in the map value
     */
    public record Callback(String member, String program, int memberIndex, int valueOffset) {
    }

    private final StructOpsSpec spec;
    private final String kernelTypeName;
    private final int kernelTypeId;
    private final int valueTypeId;
    private final byte[] value;
    private final List<Callback> callbacks;

    private StructOpsLayout(StructOpsSpec spec, String kernelTypeName, int kernelTypeId, int valueTypeId,
            byte[] value, List<Callback> callbacks) {
        this.spec = spec;
        this.kernelTypeName = kernelTypeName;
        this.kernelTypeId = kernelTypeId;
        this.valueTypeId = valueTypeId;
        this.value = value;
        this.callbacks = Collections.unmodifiableList(callbacks);
    }

    /**
     * Lays a struct_ops variable out for the running kernel.
     *
     * @param objectName   for messages
     * @param spec         the variable
     * @param objectBtf    the object's BTF (where {@code spec.btfTypeId()} lives)
     * @param kernelBtf    the running kernel's BTF
     * @param programTypes a program's type by name, null when the object has no such program
     * @return the layout
     * @throws StructOpsException when the kernel has no such struct or a member does not fit
     */
    public static StructOpsLayout of(String objectName, StructOpsSpec spec, Btf objectBtf, Btf kernelBtf,
            Function<String, ProgramType> programTypes) {
        String map = spec.name();
        // A "___flavor" suffix lets one object carry several versions of a struct (libbpf's essential name).
        String typeName = essentialName(spec.typeName());
        int kernelTypeId = kernelBtf.findByName(typeName, BtfKind.STRUCT);
        if (kernelTypeId < 0) {
            throw new StructOpsException(objectName, map, null, "the running kernel has no struct " + typeName
                    + " in its BTF, so it has no such struct_ops type");
        }
        int valueTypeId = kernelBtf.findByName(VALUE_TYPE_PREFIX + typeName, BtfKind.STRUCT);
        if (valueTypeId < 0) {
            throw new StructOpsException(objectName, map, null, "struct " + typeName + " exists in the running"
                    + " kernel, but it is not a struct_ops type (no struct " + VALUE_TYPE_PREFIX + typeName + ")");
        }
        BtfType.Struct kernelType = (BtfType.Struct) kernelBtf.type(kernelTypeId);
        BtfType.Struct valueType = (BtfType.Struct) kernelBtf.type(valueTypeId);
        long dataOffset = -1;
        for (BtfType.Member m : valueType.members()) {
            if (kernelBtf.resolve(m.type()) == kernelTypeId) {
                dataOffset = m.bitOffset() / 8;
            }
        }
        if (dataOffset < 0) {
            throw new StructOpsException(objectName, map, null, "struct " + VALUE_TYPE_PREFIX + typeName
                    + " of the running kernel has no member of type struct " + typeName);
        }
        BtfType.Struct local = (BtfType.Struct) objectBtf.type(objectBtf.resolve(spec.btfTypeId()));
        byte[] data = spec.data();
        byte[] value = new byte[valueType.size()];
        List<Callback> callbacks = new ArrayList<>();
        for (BtfType.Member member : local.members()) {
            String name = member.name();
            int localOffset = (int) (member.bitOffset() / 8);
            int localSize = (int) objectBtf.sizeOf(member.type());
            String program = spec.programsByMember().get(name);
            int kernelIndex = indexOf(kernelType, name);
            if (kernelIndex < 0) {
                if (program == null && isZero(data, localOffset, localSize)) {
                    continue; // set to nothing: fine on a kernel that never had it
                }
                throw new StructOpsException(objectName, map, name, "struct " + typeName + " of the running kernel"
                        + " has no member '" + name + "', and the object sets it");
            }
            BtfType.Member kernelMember = kernelType.members().get(kernelIndex);
            if (member.bitfieldSize() != 0 || kernelMember.bitfieldSize() != 0) {
                throw new StructOpsException(objectName, map, name, "bitfield members are not supported");
            }
            BtfType localType = objectBtf.type(objectBtf.resolve(member.type()));
            BtfType kernelMemberType = kernelBtf.type(kernelBtf.resolve(kernelMember.type()));
            if (localType.kind() != kernelMemberType.kind()) {
                throw new StructOpsException(objectName, map, name, "the object declares it a " + localType.kind()
                        + ", the running kernel a " + kernelMemberType.kind());
            }
            int kernelOffset = (int) (dataOffset + kernelMember.bitOffset() / 8);
            if (localType instanceof BtfType.Ptr) {
                if (program == null) {
                    continue;
                }
                BtfType pointee = kernelBtf.type(kernelBtf.resolve(((BtfType.Ptr) kernelMemberType).type()));
                if (pointee.kind() != BtfKind.FUNC_PROTO) {
                    throw new StructOpsException(objectName, map, name, "points to program '" + program
                            + "', but the kernel member is not a function pointer");
                }
                ProgramType type = programTypes.apply(program);
                if (type != ProgramType.STRUCT_OPS) {
                    throw new StructOpsException(objectName, map, name, "points to '" + program + "', which is "
                            + (type == null ? "not a program of the object" : "a " + type + " program, not a"
                            + " struct_ops one (SEC(\"struct_ops/...\"))"));
                }
                callbacks.add(new Callback(name, program, kernelIndex, kernelOffset));
                continue;
            }
            long kernelSize = kernelBtf.sizeOf(kernelMember.type());
            if (kernelSize != localSize) {
                throw new StructOpsException(objectName, map, name, "the object's member is " + localSize
                        + " bytes, the running kernel's " + kernelSize);
            }
            System.arraycopy(data, localOffset, value, kernelOffset, localSize);
        }
        return new StructOpsLayout(spec, typeName, kernelTypeId, valueTypeId, value, callbacks);
    }

    /** {@return the struct_ops variable} */
    public StructOpsSpec spec() {
        return spec;
    }

    /** {@return the ops struct's name in the kernel, such as {@code tcp_congestion_ops}} */
    public String kernelTypeName() {
        return kernelTypeName;
    }

    /** {@return the kernel struct's BTF id: {@code attach_btf_id} of the map's programs} */
    public int kernelTypeId() {
        return kernelTypeId;
    }

    /** {@return the BTF id of {@code struct bpf_struct_ops_<name>}: the map's {@code btf_vmlinux_value_type_id}} */
    public int valueTypeId() {
        return valueTypeId;
    }

    /** {@return the map's value size: the kernel wrapper's size} */
    public int valueSize() {
        return value.length;
    }

    /** {@return the function pointer members set to programs} */
    public List<Callback> callbacks() {
        return callbacks;
    }

    /** {@return the map flags: {@link #BPF_F_LINK} for {@code .struct_ops.link}} */
    public int mapFlags() {
        return spec.link() ? BPF_F_LINK : 0;
    }

    /**
     * {@return the value to write with {@code BPF_MAP_UPDATE_ELEM}: data members at the kernel's
     * offsets, each callback's program descriptor in its function pointer}
     *
     * @param programFds a loaded program's descriptor by name
     */
    public byte[] value(ToIntFunction<String> programFds) {
        byte[] out = value.clone();
        ByteBuffer view = ByteBuffer.wrap(out).order(ByteOrder.nativeOrder());
        for (Callback c : callbacks) {
            if (c.valueOffset() + POINTER_SIZE <= out.length) {
                view.putLong(c.valueOffset(), programFds.applyAsInt(c.program()));
            }
        }
        return out;
    }

    private static int indexOf(BtfType.Struct struct, String member) {
        List<BtfType.Member> members = struct.members();
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).name().equals(member)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isZero(byte[] data, int offset, int size) {
        for (int i = offset; i < offset + size && i < data.length; i++) {
            if (data[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static String essentialName(String name) {
        int flavor = name.indexOf("___");
        return flavor > 0 ? name.substring(0, flavor) : name;
    }

    @Override
    public String toString() {
        return "StructOpsLayout[" + spec.name() + ": " + kernelTypeName + ", value " + value.length + " bytes, "
                + callbacks + "]";
    }
}
