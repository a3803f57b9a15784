package io.bpf4j.syscall;

import java.util.Objects;

/**
 * What {@link Bpf#progLoad} asks the kernel for: the {@code BPF_PROG_LOAD} member of
 * {@code union bpf_attr}. Build one with {@link #builder}; fields not set are 0 (none).
 *
 * <p>Arrays are copied in and out, so a request is immutable; {@code equals} compares them by
 * identity as records do.
 *
 * @param type the program type
 * @param expectedAttachType the expected attach type, or null when the type needs none
 * @param name the program name (first 15 bytes kept: letters, digits, {@code _}, {@code .})
 * @param license the license string, e.g. {@code "GPL"} (GPL-only helpers need a GPL-compatible one)
 * @param insns the instructions, 8 bytes each, little endian as in the ELF object
 * @param kernVersion {@code kern_version} (ignored by kernels since 5.0), else 0
 * @param progFlags {@code prog_flags}, see {@link ProgLoadFlags}
 * @param ifindex device to offload to, else 0
 * @param btfFd BTF object with the program's types (for func and line info), else 0
 * @param funcInfoRecSize size of one {@code struct bpf_func_info} record (8), or 0
 * @param funcInfo the func info records, or null
 * @param lineInfoRecSize size of one {@code struct bpf_line_info} record (16), or 0
 * @param lineInfo the line info records, or null
 * @param attachBtfId BTF id of the attach target (tracing, LSM, struct_ops, freplace), else 0
 * @param attachBtfObjFd BTF object (module) holding {@code attachBtfId}, 0 for vmlinux
 * @param attachProgFd program to attach to (freplace, fentry on BPF), else 0; excludes
 *     {@code attachBtfObjFd} (the kernel overlays the two)
 * @param fdArray fds of maps and BTF objects referenced by index ({@code fd_array}), or null
 * @param logLevel verifier log level: 0 = no log unless the load fails, 1 = basic, 2 = verbose,
 *     4 = statistics (may be or'ed)
 * @param logSize first size in bytes of the log buffer; grown on truncation up to 16 MiB
 * @param structOpsMember for a {@code STRUCT_OPS} program, the index of the struct member it
 *     implements, which the kernel reads from {@code expected_attach_type}; else 0
 */
public record ProgLoadRequest(ProgramType type, AttachType expectedAttachType, String name, String license,
                              byte[] insns, int kernVersion, int progFlags, int ifindex, int btfFd,
                              int funcInfoRecSize, byte[] funcInfo, int lineInfoRecSize, byte[] lineInfo,
                              int attachBtfId, int attachBtfObjFd, int attachProgFd, int[] fdArray,
                              int logLevel, int logSize, int structOpsMember) {
    /** Default first log buffer size: 64 KiB. */
    public static final int DEFAULT_LOG_SIZE = 64 * 1024;
    /** Largest log buffer bpf4j grows to: 16 MiB (the kernel's limit is {@code UINT_MAX >> 2}). */
    public static final int MAX_LOG_SIZE = 16 * 1024 * 1024;

    /** Checks and copies the arguments. */
    public ProgLoadRequest {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(insns, "insns");
        name = name == null ? "" : name;
        license = license == null ? "" : license;
        if (insns.length == 0 || insns.length % 8 != 0) {
            throw new IllegalArgumentException("program " + name + ": instructions are " + insns.length
                    + " bytes, not a positive multiple of 8");
        }
        if (structOpsMember != 0 && (type != ProgramType.STRUCT_OPS || expectedAttachType != null)) {
            throw new IllegalArgumentException("program " + name + ": a struct_ops member index (" + structOpsMember
                    + ") is for STRUCT_OPS programs without an expected attach type, not " + type
                    + (expectedAttachType == null ? "" : " expecting " + expectedAttachType));
        }
        if (attachBtfObjFd != 0 && attachProgFd != 0) {
            throw new IllegalArgumentException("program " + name
                    + ": attachBtfObjFd and attachProgFd share one field of bpf_attr; set one");
        }
        if (logLevel < 0 || logSize < 0 || logSize > MAX_LOG_SIZE) {
            throw new IllegalArgumentException("program " + name + ": log level " + logLevel
                    + " / size " + logSize + " out of range (size at most " + MAX_LOG_SIZE + ")");
        }
        checkRecords(name, "func", funcInfo, funcInfoRecSize);
        checkRecords(name, "line", lineInfo, lineInfoRecSize);
        insns = insns.clone();
        funcInfo = funcInfo == null ? null : funcInfo.clone();
        lineInfo = lineInfo == null ? null : lineInfo.clone();
        fdArray = fdArray == null ? null : fdArray.clone();
    }

    private static void checkRecords(String name, String kind, byte[] records, int recSize) {
        if (records != null && records.length > 0 && (recSize <= 0 || records.length % recSize != 0)) {
            throw new IllegalArgumentException("program " + name + ": " + kind + " info of " + records.length
                    + " bytes is not a multiple of its record size " + recSize);
        }
    }

    /** {@return a copy of the instructions} */
    @Override
    public byte[] insns() {
        return insns.clone();
    }

    /** {@return a copy of the func info records, or null} */
    @Override
    public byte[] funcInfo() {
        return funcInfo == null ? null : funcInfo.clone();
    }

    /** {@return a copy of the line info records, or null} */
    @Override
    public byte[] lineInfo() {
        return lineInfo == null ? null : lineInfo.clone();
    }

    /** {@return a copy of the fd array, or null} */
    @Override
    public int[] fdArray() {
        return fdArray == null ? null : fdArray.clone();
    }

    /** {@return the number of 8-byte instruction slots} */
    public int insnCount() {
        return insns.length / 8;
    }

    // Accessors for Bpf that skip the defensive copy.
    byte[] insnsUnsafe() {
        return insns;
    }

    byte[] funcInfoUnsafe() {
        return funcInfo;
    }

    byte[] lineInfoUnsafe() {
        return lineInfo;
    }

    int[] fdArrayUnsafe() {
        return fdArray;
    }

    /** {@return a summary naming the program, its type and size} */
    @Override
    public String toString() {
        return "ProgLoadRequest[" + type + " " + name + ", " + insnCount() + " insns, license " + license
                + (expectedAttachType == null ? "" : ", expected attach " + expectedAttachType)
                + (structOpsMember == 0 ? "" : ", struct_ops member " + structOpsMember)
                + (attachBtfId == 0 ? "" : ", attach btf id " + attachBtfId)
                + ", log level " + logLevel + "]";
    }

    /** {@return a builder for a program of {@code type} made of {@code insns}} */
    public static Builder builder(ProgramType type, byte[] insns) {
        return new Builder(type, insns);
    }

    /** Builds a {@link ProgLoadRequest}. */
    public static final class Builder {
        private final ProgramType type;
        private final byte[] insns;
        private AttachType expectedAttachType;
        private String name = "";
        private String license = "GPL";
        private int kernVersion;
        private int progFlags;
        private int ifindex;
        private int btfFd;
        private int funcInfoRecSize;
        private byte[] funcInfo;
        private int lineInfoRecSize;
        private byte[] lineInfo;
        private int attachBtfId;
        private int attachBtfObjFd;
        private int attachProgFd;
        private int[] fdArray;
        private int logLevel;
        private int logSize = DEFAULT_LOG_SIZE;
        private int structOpsMember;

        private Builder(ProgramType type, byte[] insns) {
            this.type = type;
            this.insns = insns;
        }

        /** Sets the expected attach type (null for none). */
        public Builder expectedAttachType(AttachType expectedAttachType) {
            this.expectedAttachType = expectedAttachType;
            return this;
        }

        /**
         * Sets the struct member a {@code STRUCT_OPS} program implements, by its index in the
         * kernel's struct (sent as {@code expected_attach_type}, as the kernel reads it).
         */
        public Builder structOpsMember(int memberIndex) {
            this.structOpsMember = memberIndex;
            return this;
        }

        /** Sets the program name. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Sets the license (default {@code "GPL"}). */
        public Builder license(String license) {
            this.license = license;
            return this;
        }

        /** Sets {@code kern_version}. */
        public Builder kernVersion(int kernVersion) {
            this.kernVersion = kernVersion;
            return this;
        }

        /** Sets {@code prog_flags} ({@link ProgLoadFlags}). */
        public Builder progFlags(int progFlags) {
            this.progFlags = progFlags;
            return this;
        }

        /** Sets the offload device. */
        public Builder ifindex(int ifindex) {
            this.ifindex = ifindex;
            return this;
        }

        /** Sets the program's BTF object. */
        public Builder btfFd(int btfFd) {
            this.btfFd = btfFd;
            return this;
        }

        /** Sets the func info records and their record size. */
        public Builder funcInfo(int recSize, byte[] records) {
            this.funcInfoRecSize = recSize;
            this.funcInfo = records;
            return this;
        }

        /** Sets the line info records and their record size. */
        public Builder lineInfo(int recSize, byte[] records) {
            this.lineInfoRecSize = recSize;
            this.lineInfo = records;
            return this;
        }

        /** Sets the attach target's BTF id and, for a module, its BTF object fd (0 = vmlinux). */
        public Builder attachBtf(int attachBtfId, int attachBtfObjFd) {
            this.attachBtfId = attachBtfId;
            this.attachBtfObjFd = attachBtfObjFd;
            return this;
        }

        /** Sets the program this one attaches to (freplace, fentry on a BPF program). */
        public Builder attachProgFd(int attachProgFd) {
            this.attachProgFd = attachProgFd;
            return this;
        }

        /** Sets {@code fd_array}. */
        public Builder fdArray(int[] fdArray) {
            this.fdArray = fdArray;
            return this;
        }

        /** Sets the verifier log level (0 = log captured only on failure). */
        public Builder logLevel(int logLevel) {
            this.logLevel = logLevel;
            return this;
        }

        /** Sets the first log buffer size. */
        public Builder logSize(int logSize) {
            this.logSize = logSize;
            return this;
        }

        /** {@return the request} */
        public ProgLoadRequest build() {
            return new ProgLoadRequest(type, expectedAttachType, name, license, insns, kernVersion, progFlags,
                    ifindex, btfFd, funcInfoRecSize, funcInfo, lineInfoRecSize, lineInfo, attachBtfId,
                    attachBtfObjFd, attachProgFd, fdArray, logLevel, logSize, structOpsMember);
        }
    }
}
