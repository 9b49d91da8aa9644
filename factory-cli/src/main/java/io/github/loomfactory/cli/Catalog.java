package io.github.loomfactory.cli;

import io.github.loomfactory.api.Blueprint;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolutionException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Consumer;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.zip.ZipFile;

/**
 * The blueprints the command knows: the built-in ones and those of a plugin directory, all found
 * with {@link ServiceLoader}.
 *
 * <p>Built-in blueprints are services of the modules the command runs with. The jars of a plugin
 * directory are loaded in two ways: modular jars (with a {@code module-info.class}) into a new
 * {@link ModuleLayer} over the boot layer (resolved and bound, one class loader), whose modules
 * {@code provides io.github.loomfactory.api.Blueprint with ...}; plain jars with
 * {@code META-INF/services/io.github.loomfactory.api.Blueprint} through a {@link URLClassLoader}.
 * Every package of a plugin module is opened to Jackson and to the database warehouses, so that materials and products in any
 * of its packages can be decoded and encoded. A jar holding a module the command already has
 * (such as {@code factory-api}) is skipped with a warning. Two blueprints with one name are an
 * error that names both sources.
 */
@SuppressWarnings("rawtypes") // ServiceLoader<Blueprint>: a service type is a raw class literal
final class Catalog {
    private static final String JACKSON = "com.fasterxml.jackson.databind";
    /** The database warehouses read products' components too. */
    private static final String JDBC = "io.github.loomfactory.jdbc";

    /** One blueprint and where it came from: "built-in", or the path of its jar. */
    record Entry(Blueprint<?, ?> blueprint, String source) {
    }

    private final Map<String, Entry> entries;

    private Catalog(Map<String, Entry> entries) {
        this.entries = entries;
    }

    /**
     * Finds every blueprint: built-in, and in the jars of {@code plugins} if given.
     *
     * @param warnings where to say what was skipped
     * @throws UsageException if the directory is missing, a jar cannot be loaded, or two blueprints share a name
     */
    static Catalog load(Optional<Path> plugins, Consumer<String> warnings) {
        var found = new LinkedHashMap<String, Entry>();
        ModuleLayer layer = ModuleLayer.boot();
        ClassLoader plain = null;
        if (plugins.isPresent()) {
            List<Path> jars = jars(plugins.get());
            var modular = new ArrayList<Path>();
            var classic = new ArrayList<Path>();
            for (Path jar : jars) {
                (isModular(jar) ? modular : classic).add(jar);
            }
            layer = pluginLayer(modular, warnings);
            plain = classic.isEmpty() ? null : classLoader(classic);
        }
        var loader = ServiceLoader.load(layer, Blueprint.class);
        for (var provider : providers(loader, "the plugin modules")) {
            Class<?> type = provider.type();
            String source = type.getModule().getLayer() == ModuleLayer.boot() ? "built-in" : location(type);
            add(found, instantiate(provider, source), source);
        }
        if (plain != null) {
            for (var provider : providers(ServiceLoader.load(Blueprint.class, plain), "the plain plugin jars")) {
                if (provider.type().getClassLoader() == plain) {
                    String source = location(provider.type());
                    add(found, instantiate(provider, source), source);
                }
            }
        }
        return new Catalog(found);
    }

    /** Every blueprint, by name. */
    List<Entry> entries() {
        return entries.values().stream().sorted(Comparator.comparing(e -> e.blueprint().name())).toList();
    }

    /**
     * Returns the blueprint named {@code name}.
     *
     * @throws UsageException naming the known blueprints if there is none
     */
    Entry get(String name) {
        Entry entry = entries.get(name);
        if (entry == null) {
            String known = entries.isEmpty() ? "none" : String.join(", ", entries.keySet().stream().sorted().toList());
            throw new UsageException("unknown blueprint '" + name + "' (known: " + known
                    + "); plugins are loaded with --plugins DIR");
        }
        return entry;
    }

    private static void add(Map<String, Entry> found, Blueprint<?, ?> blueprint, String source) {
        String name = blueprint.name();
        Entry earlier = found.get(name);
        if (earlier != null) {
            throw new UsageException("two blueprints are named '" + name + "': one from " + earlier.source()
                    + ", one from " + source + "; remove one of them");
        }
        found.put(name, new Entry(blueprint, source));
    }

    private static List<ServiceLoader.Provider<Blueprint>> providers(ServiceLoader<Blueprint> loader, String where) {
        try {
            return loader.stream().toList();
        } catch (ServiceConfigurationError e) {
            throw new UsageException("cannot load the blueprints of " + where + ": " + Json.oneLine(String.valueOf(e.getMessage())));
        }
    }

    private static Blueprint<?, ?> instantiate(ServiceLoader.Provider<Blueprint> provider, String source) {
        try {
            return provider.get();
        } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new UsageException("cannot create blueprint " + provider.type().getName() + " of " + source + ": "
                    + Json.oneLine(String.valueOf(cause)));
        }
    }

    /** The jars {@code --plugins} names: those of a directory, or one jar file. */
    private static List<Path> jars(Path path) {
        if (Files.isRegularFile(path)) {
            if (!path.getFileName().toString().endsWith(".jar")) {
                throw new UsageException("--plugins takes a directory of plugin jars or one .jar file; " + path + " is neither");
            }
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            throw new UsageException("plugins not found: " + path + " (--plugins takes a directory of plugin jars or one .jar file)");
        }
        Path dir = path;
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UsageException("cannot list plugin directory " + dir + ": " + e.getMessage());
        }
    }

    private static boolean isModular(Path jar) {
        try (var file = new JarFile(jar.toFile(), true, ZipFile.OPEN_READ, Runtime.version())) {
            return file.getJarEntry("module-info.class") != null;
        } catch (IOException e) {
            throw new UsageException("cannot read plugin jar " + jar + ": " + e.getMessage());
        }
    }

    private static ModuleLayer pluginLayer(List<Path> jars, Consumer<String> warnings) {
        if (jars.isEmpty()) {
            return ModuleLayer.boot();
        }
        ModuleLayer boot = ModuleLayer.boot();
        var roots = new LinkedHashMap<String, Path>();
        var usable = new ArrayList<Path>();
        for (Path jar : jars) {
            ModuleDescriptor descriptor;
            try {
                Set<ModuleReference> found = ModuleFinder.of(jar).findAll();
                descriptor = found.iterator().next().descriptor();
            } catch (FindException e) {
                throw new UsageException("cannot read plugin module " + jar + ": " + Json.oneLine(String.valueOf(e.getMessage())));
            }
            if (boot.findModule(descriptor.name()).isPresent()) {
                warnings.accept("plugins: skipping " + jar + ": module " + descriptor.name() + " is part of the factory");
                continue;
            }
            Path earlier = roots.putIfAbsent(descriptor.name(), jar);
            if (earlier != null) {
                throw new UsageException("two plugin jars hold module " + descriptor.name() + ": " + earlier + " and " + jar
                        + "; remove one of them");
            }
            usable.add(jar);
        }
        if (usable.isEmpty()) {
            return boot;
        }
        ModuleFinder pluginFinder = ModuleFinder.of(usable.toArray(Path[]::new));
        requireJdkModules(boot, pluginFinder, roots.keySet());
        try {
            Configuration configuration = boot.configuration().resolveAndBind(pluginFinder, ModuleFinder.of(), roots.keySet());
            var controller = ModuleLayer.defineModulesWithOneLoader(configuration, List.of(boot),
                    Catalog.class.getClassLoader());
            Optional<Module> jackson = boot.findModule(JACKSON);
            Optional<Module> jdbc = boot.findModule(JDBC);
            for (Module module : controller.layer().modules()) {
                for (String pkg : module.getPackages()) {
                    jackson.ifPresent(target -> controller.addOpens(module, pkg, target));
                    jdbc.ifPresent(target -> controller.addOpens(module, pkg, target));
                }
            }
            return controller.layer();
        } catch (FindException | ResolutionException | LayerInstantiationException e) {
            throw new UsageException("cannot load plugin modules " + usable.stream().map(Path::toString)
                    .collect(Collectors.joining(", ")) + ": " + Json.oneLine(String.valueOf(e.getMessage())));
        }
    }

    /**
     * Checks that every JDK module the plugins need is in the boot layer. A JDK module cannot be
     * defined in a plugin layer (its classes belong to the JDK's own class loaders), so it must be
     * resolved at start-up: the launcher starts the command with {@code --add-modules ALL-DEFAULT}
     * (every JDK module that exports an API, as for a class-path program); a module beyond those
     * (an incubator) is named here with the option that adds it.
     */
    private static void requireJdkModules(ModuleLayer boot, ModuleFinder plugins, Set<String> roots) {
        Configuration trial;
        try {
            trial = boot.configuration().resolveAndBind(plugins, ModuleFinder.ofSystem(), roots);
        } catch (FindException | ResolutionException e) {
            return; // the real resolution below reports it
        }
        ModuleFinder jdk = ModuleFinder.ofSystem();
        List<String> missing = trial.modules().stream()
                .map(module -> module.name())
                .filter(name -> jdk.find(name).isPresent() && !roots.contains(name))
                .sorted().toList();
        if (!missing.isEmpty()) {
            String list = String.join(",", missing);
            throw new UsageException("the plugins need JDK module(s) " + list + ", which this JVM was not started with:"
                    + " start it with --add-modules " + list + " (for ./factory: FACTORY_JAVA_OPTS='--add-modules " + list + "')");
        }
    }

    private static ClassLoader classLoader(List<Path> jars) {
        var urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new UsageException("bad plugin jar path " + jars.get(i) + ": " + e.getMessage());
            }
        }
        return new URLClassLoader("plugins", urls, Catalog.class.getClassLoader());
    }

    private static String location(Class<?> type) {
        var module = type.getModule();
        if (module.isNamed() && module.getLayer() != null) {
            return module.getLayer().configuration().findModule(module.getName())
                    .flatMap(resolved -> resolved.reference().location())
                    .map(uri -> Path.of(uri).toString())
                    .orElse(module.getName());
        }
        var code = type.getProtectionDomain().getCodeSource();
        if (code != null && code.getLocation() != null) {
            try {
                return Path.of(code.getLocation().toURI()).toString();
            } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                return code.getLocation().toString();
            }
        }
        return type.getName();
    }
}
