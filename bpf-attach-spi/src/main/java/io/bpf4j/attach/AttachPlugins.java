package io.bpf4j.attach;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * The registry of {@link AttachPlugin}s: finds them with {@link ServiceLoader} and picks the one
 * that owns a section name.
 *
 * <p>The plugin with the longest matching prefix ({@link AttachPlugin#matchLength}) wins, so a
 * third-party plugin claiming {@code tp/sched} takes {@code tp/sched/sched_switch} from the
 * built-in {@code tp} plugin. Two plugins claiming a section with the same length is an error
 * ({@link AmbiguousSectionException}), never a silent choice. Instances are immutable and
 * thread safe.
 */
public final class AttachPlugins {

    private static final System.Logger LOG = System.getLogger(AttachPlugins.class.getName());

    private final List<AttachPlugin> plugins;

    private AttachPlugins(List<AttachPlugin> plugins) {
        this.plugins = List.copyOf(plugins);
    }

    /**
     * {@return the plugins visible to the thread's context class loader and to this module's
     * class loader: providers declared with {@code provides} in named modules (the boot layer
     * and the loaders' layers) and listed in {@code META-INF/services} on the class path}
     * A provider class seen by both loaders counts once.
     *
     * @throws ServiceConfigurationError if a declared provider cannot be instantiated
     */
    public static AttachPlugins load() {
        List<ClassLoader> loaders = new ArrayList<>(2);
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            loaders.add(context);
        }
        ClassLoader own = AttachPlugins.class.getClassLoader();
        if (own != context) {
            loaders.add(own);
        }
        return load(loaders);
    }

    /**
     * {@return the plugins visible to {@code loader} (module providers and class path)}
     *
     * @param loader the class loader to search; null means the system class loader
     * @throws ServiceConfigurationError if a declared provider cannot be instantiated
     */
    public static AttachPlugins load(ClassLoader loader) {
        List<ClassLoader> loaders = new ArrayList<>(1);
        loaders.add(loader);
        return load(loaders);
    }

    private static AttachPlugins load(List<ClassLoader> loaders) {
        Map<Class<?>, AttachPlugin> found = new LinkedHashMap<>();
        for (ClassLoader loader : loaders) {
            for (AttachPlugin plugin : ServiceLoader.load(AttachPlugin.class, loader)) {
                found.putIfAbsent(plugin.getClass(), plugin);
            }
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "attach plugins found: " + found.keySet());
        return new AttachPlugins(new ArrayList<>(found.values()));
    }

    /**
     * {@return a registry of exactly {@code plugins}} (for dependency injection and tests)
     *
     * @param plugins the plugins, in any order
     */
    public static AttachPlugins of(List<? extends AttachPlugin> plugins) {
        plugins.forEach(p -> Objects.requireNonNull(p, "plugin"));
        return new AttachPlugins(new ArrayList<>(plugins));
    }

    /** {@return the registered plugins, in discovery order} */
    public List<AttachPlugin> plugins() {
        return plugins;
    }

    /**
     * {@return the plugin that owns {@code sectionName}, or empty if none claims it}
     *
     * @param sectionName the section name, without a leading {@code '?'}
     * @throws AmbiguousSectionException if two plugins claim it equally specifically
     */
    public Optional<AttachPlugin> find(String sectionName) {
        Objects.requireNonNull(sectionName, "sectionName");
        AttachPlugin best = null;
        int bestLength = -1;
        AttachPlugin tied = null;
        for (AttachPlugin plugin : plugins) {
            int length = plugin.matchLength(sectionName);
            if (length < 0) {
                continue;
            }
            if (length > bestLength) {
                best = plugin;
                bestLength = length;
                tied = null;
            } else if (length == bestLength) {
                tied = plugin;
            }
        }
        if (tied != null) {
            throw new AmbiguousSectionException(sectionName, best, tied, bestLength);
        }
        return Optional.ofNullable(best);
    }

    /**
     * {@return the plugin that owns {@code sectionName}}
     *
     * @param sectionName the section name, without a leading {@code '?'}
     * @throws UnknownSectionException if no plugin claims it
     * @throws AmbiguousSectionException if two plugins claim it equally specifically
     */
    public AttachPlugin pluginFor(String sectionName) {
        return find(sectionName).orElseThrow(() -> new UnknownSectionException(sectionName, knownPrefixes()));
    }

    /** {@return every prefix claimed by a registered plugin, sorted} */
    public List<String> knownPrefixes() {
        TreeSet<String> prefixes = new TreeSet<>();
        for (AttachPlugin plugin : plugins) {
            prefixes.addAll(plugin.sectionPrefixes());
        }
        return Collections.unmodifiableList(new ArrayList<>(prefixes));
    }

    @Override
    public String toString() {
        List<String> names = new ArrayList<>();
        plugins.forEach(p -> names.add(p.name()));
        return "AttachPlugins" + names;
    }
}
