package io.bpf4j.loader;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The global variables of one data section ({@code .rodata}, {@code .data},
 * {@code .bss}, {@code .data.foo} ...), read and written by name.
 *
 * <p>Before {@link BpfObject#load()} a write changes the variable's initial
 * value (what the kernel map is created with); after the load reads and writes
 * go straight to the kernel's memory through a shared mapping, so a value the
 * program writes is seen at once, and a value written here is seen by the
 * program at once. {@code .rodata} and {@code .rodata.*} are frozen at load:
 * after it they can still be read, but writing throws {@link IllegalStateException}.
 *
 * <p>Values are in the host's byte order, as the BPF program sees them.
 */
public final class GlobalVariables {
    private final String section;
    private final boolean readOnlyAfterLoad;
    private final Map<String, GlobalVariable> variables;
    private ByteBuffer memory;
    private boolean live;

    GlobalVariables(String section, boolean readOnlyAfterLoad, List<GlobalVariable> variables,
                    byte[] initialValue) {
        this.section = section;
        this.readOnlyAfterLoad = readOnlyAfterLoad;
        Map<String, GlobalVariable> byName = new LinkedHashMap<>();
        for (GlobalVariable v : variables) {
            byName.put(v.name(), v);
        }
        this.variables = Collections.unmodifiableMap(byName);
        this.memory = ByteBuffer.wrap(initialValue).order(ByteOrder.nativeOrder());
    }

    /** {@return the data section's name, e.g. {@code .rodata}} */
    public String section() {
        return section;
    }

    /** {@return the section's variables by name, in declaration order} */
    public Map<String, GlobalVariable> variables() {
        return variables;
    }

    /** {@return true once the values live in kernel memory (after load)} */
    public boolean isLive() {
        return live;
    }

    /** {@return the initial value of the whole section, as the map is created with it} */
    byte[] initialValue() {
        if (live) {
            throw new IllegalStateException(section + " is already loaded");
        }
        return memory.array();
    }

    /** Switches to the kernel's memory (a direct buffer over the map's mmap). */
    void goLive(ByteBuffer mapped) {
        this.memory = mapped.duplicate().order(ByteOrder.nativeOrder());
        this.live = true;
    }

    /** Forgets the mapping (it is being unmapped). */
    void close() {
        this.memory = ByteBuffer.allocate(0);
    }

    /**
     * Looks a variable up.
     *
     * @param name the C name
     * @return the variable
     * @throws NoSuchElementException naming the section and the variables it has
     */
    public GlobalVariable variable(String name) {
        GlobalVariable v = variables.get(name);
        if (v == null) {
            throw new NoSuchElementException("no global variable '" + name + "' in " + section
                    + " (it has " + variables.keySet() + ")");
        }
        return v;
    }

    /** @param name variable; @return its 8-byte value */
    public long getLong(String name) {
        return memory.getLong(at(name, 8));
    }

    /** @param name variable; @return its 4-byte value */
    public int getInt(String name) {
        return memory.getInt(at(name, 4));
    }

    /** @param name variable; @return its 2-byte value */
    public short getShort(String name) {
        return memory.getShort(at(name, 2));
    }

    /** @param name variable; @return its 1-byte value */
    public byte getByte(String name) {
        return memory.get(at(name, 1));
    }

    /** @param name variable; @return a copy of its bytes, whatever its type */
    public byte[] getBytes(String name) {
        GlobalVariable v = variable(name);
        byte[] out = new byte[v.size()];
        memory.get(v.offset(), out);
        return out;
    }

    /**
     * Sets an 8-byte variable ({@code __u64}, {@code long}, pointers ...).
     *
     * @param name  variable
     * @param value new value
     */
    public void setLong(String name, long value) {
        memory.putLong(writableAt(name, 8), value);
    }

    /** @param name variable of 4 bytes; @param value new value */
    public void setInt(String name, int value) {
        memory.putInt(writableAt(name, 4), value);
    }

    /** @param name variable of 2 bytes; @param value new value */
    public void setShort(String name, short value) {
        memory.putShort(writableAt(name, 2), value);
    }

    /** @param name variable of 1 byte; @param value new value */
    public void setByte(String name, byte value) {
        memory.put(writableAt(name, 1), value);
    }

    /**
     * Sets a variable of any type from raw bytes (structs, arrays, strings);
     * bytes past {@code value.length} are zeroed.
     *
     * @param name  variable
     * @param value at most the variable's size
     */
    public void setBytes(String name, byte[] value) {
        GlobalVariable v = variable(name);
        if (value.length > v.size()) {
            throw new IllegalArgumentException(section + " variable '" + name + "' has " + v.size()
                    + " bytes, cannot hold " + value.length);
        }
        int at = writableAt(name, v.size());
        memory.put(at, value);
        for (int i = value.length; i < v.size(); i++) {
            memory.put(at + i, (byte) 0);
        }
    }

    private int at(String name, int size) {
        GlobalVariable v = variable(name);
        if (v.size() != size) {
            throw new IllegalArgumentException(section + " variable '" + name + "' has " + v.size()
                    + " bytes, not " + size);
        }
        return v.offset();
    }

    private int writableAt(String name, int size) {
        if (live && readOnlyAfterLoad) {
            throw new IllegalStateException(section + " is read-only after load (the kernel froze it): set '"
                    + name + "' before BpfObject.load()");
        }
        if (!live && memory.capacity() == 0) {
            throw new IllegalStateException("the object is closed");
        }
        return at(name, size);
    }
}
