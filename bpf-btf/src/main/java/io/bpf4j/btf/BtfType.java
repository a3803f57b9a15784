package io.bpf4j.btf;

import java.util.List;
import java.util.Objects;

/**
 * One decoded BTF type: a {@code struct btf_type} and the kind-specific data that follows it
 * ({@code linux/btf.h}). Obtained from {@link Btf#type(int)}; each record is a snapshot of the
 * bytes, references to other types are type ids to look up in the same {@link Btf}.
 *
 * <p>Names are never {@code null}: anonymous types have the empty name.
 */
public sealed interface BtfType {

    /** {@return the type id (0 is void)} */
    int id();

    /** {@return the kind of this type} */
    BtfKind kind();

    /** {@return the name, empty for anonymous types} */
    String name();

    /** The {@code void} type, id 0. It has no bytes in the type section. */
    record Void() implements BtfType {
        @Override
        public int id() {
            return 0;
        }

        @Override
        public BtfKind kind() {
            return BtfKind.UNKN;
        }

        @Override
        public String name() {
            return "";
        }
    }

    /**
     * {@code BTF_KIND_INT}: an integer, character or boolean.
     *
     * @param id the type id
     * @param name the C name ("int", "unsigned long", ...)
     * @param size the size in bytes
     * @param encoding the {@code BTF_INT_ENCODING} bits: {@link #SIGNED}, {@link #CHAR}, {@link #BOOL}
     * @param bitOffset {@code BTF_INT_OFFSET}: bit offset of the value inside the storage
     * @param bits {@code BTF_INT_BITS}: number of value bits
     */
    record Int(int id, String name, int size, int encoding, int bitOffset, int bits) implements BtfType {
        /** {@code BTF_INT_SIGNED}. */
        public static final int SIGNED = 1;
        /** {@code BTF_INT_CHAR}. */
        public static final int CHAR = 2;
        /** {@code BTF_INT_BOOL}. */
        public static final int BOOL = 4;

        /** Creates the record; the name must not be null. */
        public Int {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public BtfKind kind() {
            return BtfKind.INT;
        }

        /** {@return whether the encoding has {@code BTF_INT_SIGNED}} */
        public boolean isSigned() {
            return (encoding & SIGNED) != 0;
        }

        /** {@return whether the encoding has {@code BTF_INT_CHAR}} */
        public boolean isChar() {
            return (encoding & CHAR) != 0;
        }

        /** {@return whether the encoding has {@code BTF_INT_BOOL}} */
        public boolean isBool() {
            return (encoding & BOOL) != 0;
        }
    }

    /**
     * {@code BTF_KIND_PTR}.
     *
     * @param id the type id
     * @param name always empty in valid BTF
     * @param type the pointee's type id (0 for {@code void *})
     */
    record Ptr(int id, String name, int type) implements BtfType {
        @Override
        public BtfKind kind() {
            return BtfKind.PTR;
        }
    }

    /**
     * {@code BTF_KIND_ARRAY}: {@code struct btf_array}.
     *
     * @param id the type id
     * @param name always empty in valid BTF
     * @param elementType the element's type id
     * @param indexType the index's type id (an INT)
     * @param elementCount the number of elements, unsigned
     */
    record Array(int id, String name, int elementType, int indexType, int elementCount) implements BtfType {
        @Override
        public BtfKind kind() {
            return BtfKind.ARRAY;
        }

        /** {@return the element count as an unsigned value} */
        public long elementCountUnsigned() {
            return Integer.toUnsignedLong(elementCount);
        }
    }

    /**
     * One member of a struct or union: {@code struct btf_member}, with the bitfield size split out
     * of the offset when the owner's kind_flag is set.
     *
     * @param name the member name, empty for an anonymous struct/union member
     * @param type the member's type id
     * @param bitOffset offset from the start of the owner, in bits
     * @param bitfieldSize the bitfield width in bits, 0 when not a bitfield (or not recorded)
     */
    record Member(String name, int type, long bitOffset, int bitfieldSize) {
        /** Creates the record; the name must not be null. */
        public Member {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * {@code BTF_KIND_STRUCT}.
     *
     * @param id the type id
     * @param name the tag name, empty for anonymous structs
     * @param size the size in bytes
     * @param members the members in declaration order
     */
    record Struct(int id, String name, int size, List<Member> members) implements BtfType {
        /** Creates the record with an unmodifiable copy of the members. */
        public Struct {
            members = List.copyOf(members);
        }

        @Override
        public BtfKind kind() {
            return BtfKind.STRUCT;
        }
    }

    /**
     * {@code BTF_KIND_UNION}.
     *
     * @param id the type id
     * @param name the tag name, empty for anonymous unions
     * @param size the size in bytes
     * @param members the members in declaration order
     */
    record Union(int id, String name, int size, List<Member> members) implements BtfType {
        /** Creates the record with an unmodifiable copy of the members. */
        public Union {
            members = List.copyOf(members);
        }

        @Override
        public BtfKind kind() {
            return BtfKind.UNION;
        }
    }

    /**
     * One enumerator of an {@link Enum} ({@code struct btf_enum}) or {@link Enum64}
     * ({@code struct btf_enum64}).
     *
     * @param name the enumerator's name
     * @param value the value; for unsigned 32-bit enums it is zero-extended, for signed ones
     *     sign-extended; for 64-bit enums the raw 64 bits
     */
    record EnumValue(String name, long value) {
        /** Creates the record; the name must not be null. */
        public EnumValue {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * {@code BTF_KIND_ENUM}: an enum whose values fit in 32 bits.
     *
     * @param id the type id
     * @param name the tag name, empty for anonymous enums
     * @param size the size in bytes (1, 2, 4 or 8)
     * @param signed the kind_flag (kernel 6.0): values are signed
     * @param values the enumerators
     */
    record Enum(int id, String name, int size, boolean signed, List<EnumValue> values) implements BtfType {
        /** Creates the record with an unmodifiable copy of the values. */
        public Enum {
            values = List.copyOf(values);
        }

        @Override
        public BtfKind kind() {
            return BtfKind.ENUM;
        }
    }

    /**
     * {@code BTF_KIND_ENUM64}: an enum with 64-bit values (kernel 6.0).
     *
     * @param id the type id
     * @param name the tag name, empty for anonymous enums
     * @param size the size in bytes
     * @param signed the kind_flag: values are signed
     * @param values the enumerators
     */
    record Enum64(int id, String name, int size, boolean signed, List<EnumValue> values) implements BtfType {
        /** Creates the record with an unmodifiable copy of the values. */
        public Enum64 {
            values = List.copyOf(values);
        }

        @Override
        public BtfKind kind() {
            return BtfKind.ENUM64;
        }
    }

    /**
     * {@code BTF_KIND_FWD}: a forward declaration.
     *
     * @param id the type id
     * @param name the tag name
     * @param union the kind_flag: a {@code union} rather than a {@code struct}
     */
    record Fwd(int id, String name, boolean union) implements BtfType {
        @Override
        public BtfKind kind() {
            return BtfKind.FWD;
        }
    }

    /**
     * {@code BTF_KIND_TYPEDEF}.
     *
     * @param id the type id
     * @param name the typedef's name
     * @param type the aliased type id
     */
    record Typedef(int id, String name, int type) implements BtfType {
        @Override
        public BtfKind kind() {
            return BtfKind.TYPEDEF;
        }
    }

    /**
     * {@code BTF_KIND_VOLATILE}.
     *
     * @param id the type id
     * @param name always empty in valid BTF
     * @param type the qualified type id
     */
    record Volatile(int id, String name, int type) implements BtfType {
        @Override
        public BtfKind kind() {
            return BtfKind.VOLATILE;
        }
    }

    /**
     * {@code BTF_KIND_CONST}.
     *
     * @param id the type id
     * @param name always empty in valid BTF
     * @param type the qualified type id
     */
    record Const(int id, String name, int type) implements BtfType {
        @Override
        public BtfKind kind() {
            return BtfKind.CONST;
        }
    }

    /**
     * {@code BTF_KIND_RESTRICT}.
     *
     * @param id the type id
     * @param name always empty in valid BTF
     * @param type the qualified type id
     */
    record Restrict(int id, String name, int type) implements BtfType {
        @Override
        public BtfKind kind() {
            return BtfKind.RESTRICT;
        }
    }

    /**
     * {@code BTF_KIND_FUNC}: a function (its signature is the referenced FUNC_PROTO).
     *
     * @param id the type id
     * @param name the function's name
     * @param type the FUNC_PROTO's type id
     * @param linkage the linkage, stored in vlen
     */
    record Func(int id, String name, int type, FuncLinkage linkage) implements BtfType {
        @Override
        public BtfKind kind() {
            return BtfKind.FUNC;
        }
    }

    /**
     * One parameter of a {@link FuncProto}: {@code struct btf_param}.
     *
     * @param name the parameter's name, empty when unnamed
     * @param type the parameter's type id; 0 with an empty name on the last parameter means
     *     "..." (variadic)
     */
    record Param(String name, int type) {
        /** Creates the record; the name must not be null. */
        public Param {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * {@code BTF_KIND_FUNC_PROTO}: a function signature.
     *
     * @param id the type id
     * @param name always empty in valid BTF
     * @param returnType the return type id (0 for {@code void})
     * @param params the parameters
     */
    record FuncProto(int id, String name, int returnType, List<Param> params) implements BtfType {
        /** Creates the record with an unmodifiable copy of the parameters. */
        public FuncProto {
            params = List.copyOf(params);
        }

        @Override
        public BtfKind kind() {
            return BtfKind.FUNC_PROTO;
        }

        /** {@return whether the last parameter is the variadic marker (type 0, no name)} */
        public boolean isVariadic() {
            if (params.isEmpty()) {
                return false;
            }
            Param last = params.get(params.size() - 1);
            return last.type() == 0 && last.name().isEmpty();
        }
    }

    /**
     * {@code BTF_KIND_VAR}: a global or static variable.
     *
     * @param id the type id
     * @param name the variable's name
     * @param type the variable's type id
     * @param linkage {@code struct btf_var.linkage}
     */
    record Var(int id, String name, int type, VarLinkage linkage) implements BtfType {
        @Override
        public BtfKind kind() {
            return BtfKind.VAR;
        }
    }

    /**
     * One variable of a {@link Datasec}: {@code struct btf_var_secinfo}.
     *
     * @param type the VAR's (or, for {@code .ksyms}, FUNC's) type id
     * @param offset the offset of the variable in the section, in bytes
     * @param size the variable's size in bytes
     */
    record VarSecInfo(int type, int offset, int size) {
    }

    /**
     * {@code BTF_KIND_DATASEC}: an ELF data section and the variables in it.
     *
     * @param id the type id
     * @param name the ELF section name (".data", ".rodata", ".bss", ".maps", ...)
     * @param size the section size in bytes (clang writes 0; see {@link Btf#withDatasecLayout})
     * @param vars the variables
     */
    record Datasec(int id, String name, int size, List<VarSecInfo> vars) implements BtfType {
        /** Creates the record with an unmodifiable copy of the variables. */
        public Datasec {
            vars = List.copyOf(vars);
        }

        @Override
        public BtfKind kind() {
            return BtfKind.DATASEC;
        }
    }

    /**
     * {@code BTF_KIND_FLOAT} (kernel 5.13).
     *
     * @param id the type id
     * @param name the C name ("double", ...)
     * @param size the size in bytes
     */
    record Float(int id, String name, int size) implements BtfType {
        @Override
        public BtfKind kind() {
            return BtfKind.FLOAT;
        }
    }

    /**
     * {@code BTF_KIND_DECL_TAG} (kernel 5.16): a {@code btf_decl_tag} attribute on a declaration.
     *
     * @param id the type id
     * @param name the tag's value (the attribute string)
     * @param type the tagged type id (struct, union, var, func, typedef)
     * @param componentIndex the tagged member or parameter index, -1 for the whole declaration
     * @param attribute the kind_flag (kernel 6.14): the tag is a C {@code __attribute__} to
     *     reproduce as written, not a {@code btf_decl_tag}
     */
    record DeclTag(int id, String name, int type, int componentIndex, boolean attribute) implements BtfType {
        /** Creates a plain {@code btf_decl_tag} (kind_flag clear). */
        public DeclTag(int id, String name, int type, int componentIndex) {
            this(id, name, type, componentIndex, false);
        }

        @Override
        public BtfKind kind() {
            return BtfKind.DECL_TAG;
        }
    }

    /**
     * {@code BTF_KIND_TYPE_TAG} (kernel 5.17): a {@code btf_type_tag} attribute on a pointee type.
     *
     * @param id the type id
     * @param name the tag's value ("user", "rcu", ...)
     * @param type the tagged type id
     * @param attribute the kind_flag (kernel 6.14): the tag is a C {@code __attribute__}, not a
     *     {@code btf_type_tag}
     */
    record TypeTag(int id, String name, int type, boolean attribute) implements BtfType {
        /** Creates a plain {@code btf_type_tag} (kind_flag clear). */
        public TypeTag(int id, String name, int type) {
            this(id, name, type, false);
        }

        @Override
        public BtfKind kind() {
            return BtfKind.TYPE_TAG;
        }
    }
}
