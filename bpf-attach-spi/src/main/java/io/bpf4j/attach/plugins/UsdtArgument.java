package io.bpf4j.attach.plugins;

/**
 * Where one argument of a USDT probe lives at the probe's instruction, as its note's argument
 * text says ({@code <size>@<operand>}, e.g. {@code -4@%edi}, {@code 8@-8(%rbp)}, {@code 4@$5},
 * {@code -8@(%rdx,%rdi,8)}). Registers are named as the kernel's {@code struct pt_regs} names
 * them on x86-64 ({@code di}, {@code r8}, {@code ip} ...), whatever part of the register the
 * operand names ({@code %edi}, {@code %dil}): the size says how many low bytes count.
 */
public sealed interface UsdtArgument {

    /** {@return the argument's size in bytes: 1, 2, 4 or 8} */
    int size();

    /** {@return whether the value is sign-extended from its size (a negative size in the note)} */
    boolean signed();

    /**
     * A constant ({@code $<value>}).
     *
     * @param size the size in bytes
     * @param signed whether sign-extended
     * @param value the constant
     */
    record Constant(int size, boolean signed, long value) implements UsdtArgument {
    }

    /**
     * A register's value ({@code %<register>}).
     *
     * @param size the size in bytes
     * @param signed whether sign-extended
     * @param register the {@code struct pt_regs} field
     */
    record InRegister(int size, boolean signed, String register) implements UsdtArgument {
    }

    /**
     * A value in the probed process's memory at {@code base + index * scale + displacement}
     * ({@code <displacement>(%<base>[,%<index>[,<scale>]])}).
     *
     * @param size the size in bytes
     * @param signed whether sign-extended
     * @param displacement the constant part of the address
     * @param base the base register's {@code struct pt_regs} field
     * @param index the index register's field, or null for none
     * @param scale the index's multiplier: 1, 2, 4 or 8 (1 without index)
     */
    record InMemory(int size, boolean signed, long displacement, String base, String index, int scale)
            implements UsdtArgument {
    }
}
