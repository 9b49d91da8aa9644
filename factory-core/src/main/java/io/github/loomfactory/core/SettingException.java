package io.github.loomfactory.core;

import java.util.Objects;

/**
 * A setting refused by validation: names the {@linkplain #setting() setting} (a component of
 * {@link FactorySettings}, or {@code heap} of its builder) apart from the {@linkplain #problem()
 * problem}, so that a program presenting the settings under other names (a command line's
 * options) can name them its own way. The message is the setting's name, a space and the
 * problem: {@code "contract must be positive: PT0S"}.
 *
 * <p>Immutable and thread-safe.
 */
public final class SettingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The setting's name; serializable, as the exception is. */
    private final String setting;
    private final String problem;

    /**
     * Makes the exception for {@code setting}.
     *
     * @param setting the setting's name, e.g. {@code "contract"}
     * @param problem what is wrong with its value and the fix, e.g. {@code "must be positive: PT0S"}
     */
    SettingException(String setting, String problem) {
        super(Objects.requireNonNull(setting, "setting") + " " + Objects.requireNonNull(problem, "problem"));
        this.setting = setting;
        this.problem = problem;
    }

    /**
     * Returns the name of the refused setting.
     *
     * @return a component name of {@link FactorySettings}, such as {@code "rosterCap"}, or {@code "heap"}
     */
    public String setting() {
        return setting;
    }

    /**
     * Returns what is wrong with the setting's value, and the fix, without the setting's name.
     *
     * @return the problem, such as {@code "must be at least 1: 0"}
     */
    public String problem() {
        return problem;
    }
}
