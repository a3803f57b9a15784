package io.bpf4j.loader;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.function.Supplier;

/**
 * Where bpf4j's messages go, and how many of them.
 *
 * <p>By default messages go to {@link System#getLogger(String)} (so to
 * {@code java.util.logging}, or to whatever {@code System.LoggerFinder} the
 * application installed), filtered by the level read once from the
 * environment: {@code BPF4J_LOG_LEVEL}, or libbpf's {@code LIBBPF_LOG_LEVEL},
 * set to {@code warn} (the default), {@code info} or {@code debug}.
 * {@link #setHandler(Handler)} replaces all of that with a callback, as
 * libbpf's {@code libbpf_set_print} does.
 */
public final class BpfLog {

    /** Receives every message at or above the configured level. */
    @FunctionalInterface
    public interface Handler {
        /**
         * Called for each message.
         *
         * @param level   how important the message is
         * @param source  the class that logged it, e.g. {@code io.bpf4j.loader.BpfObject}
         * @param message the message, without a trailing new line
         */
        void log(Level level, String source, String message);
    }

    private static volatile Level threshold = levelFrom(System.getenv());
    private static volatile Handler handler;

    private BpfLog() {
    }

    /**
     * Reads the level from an environment: {@code BPF4J_LOG_LEVEL} first, then
     * {@code LIBBPF_LOG_LEVEL}; {@code warn} when neither is set or readable.
     *
     * @param env the environment, usually {@link System#getenv()}
     * @return the level the values ask for
     */
    static Level levelFrom(Map<String, String> env) {
        String value = env.get("BPF4J_LOG_LEVEL");
        if (value == null || value.isBlank()) {
            value = env.get("LIBBPF_LOG_LEVEL");
        }
        if (value == null) {
            return Level.WARNING;
        }
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "debug":
            case "trace":
                return Level.DEBUG;
            case "info":
                return Level.INFO;
            case "error":
                return Level.ERROR;
            default:
                return Level.WARNING;
        }
    }

    /** {@return the lowest level that is logged} */
    public static Level level() {
        return threshold;
    }

    /**
     * Changes the lowest level that is logged, overriding the environment.
     *
     * @param level {@code WARNING}, {@code INFO}, {@code DEBUG} ...
     */
    public static void setLevel(Level level) {
        threshold = Objects.requireNonNull(level, "level");
    }

    /**
     * Sends every message to {@code newHandler} instead of {@link System.Logger}.
     *
     * @param newHandler the callback, or {@code null} to go back to System.Logger
     */
    public static void setHandler(Handler newHandler) {
        handler = newHandler;
    }

    /**
     * Returns the logger bpf4j's classes use.
     *
     * @param source the class that logs
     * @return a logger honouring the level and the handler
     */
    public static Logger logger(Class<?> source) {
        return new FilteringLogger(source.getName());
    }

    /** Applies {@link BpfLog}'s level and handler in front of {@link System.Logger}. */
    private static final class FilteringLogger implements Logger {
        private final String name;
        private volatile Logger delegate;

        FilteringLogger(String name) {
            this.name = name;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isLoggable(Level level) {
            return level != Level.OFF && level.getSeverity() >= threshold.getSeverity();
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            if (!isLoggable(level)) {
                return;
            }
            Handler h = handler;
            if (h != null) {
                h.log(level, name, thrown == null ? msg : msg + ": " + thrown);
            } else if (system().isLoggable(level)) {
                system().log(level, bundle, msg, thrown);
            } else {
                toStandardError(level, thrown == null ? msg : msg + ": " + thrown);
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            if (!isLoggable(level)) {
                return;
            }
            String text = params == null || params.length == 0
                    ? format : java.text.MessageFormat.format(format, params);
            log(level, bundle, text, (Throwable) null);
        }

        @Override
        public void log(Level level, Supplier<String> msgSupplier) {
            if (isLoggable(level)) {
                log(level, (ResourceBundle) null, msgSupplier.get(), (Throwable) null);
            }
        }

        /*
         * The user asked for this level through BPF4J_LOG_LEVEL or setLevel, but the
         * System.Logger backend (java.util.logging drops DEBUG by default) would
         * discard it: print it as libbpf prints to stderr rather than lose it.
         */
        private void toStandardError(Level level, String text) {
            System.err.println("bpf4j " + level.getName() + " " + name + ": " + text);
        }

        private Logger system() {
            Logger d = delegate;
            if (d == null) {
                d = System.getLogger(name);
                delegate = d;
            }
            return d;
        }
    }
}
