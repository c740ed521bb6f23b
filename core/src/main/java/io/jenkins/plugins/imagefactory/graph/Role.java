package io.jenkins.plugins.imagefactory.graph;

/** What a tracked image is to us; derived every cycle, never configured. */
public enum Role {
    /** Enrolled, and no tracked image builds on it. */
    MANAGED,
    /** Not enrolled; some managed image builds on it. */
    BASE,
    /** Enrolled and another managed image builds on it. */
    MANAGED_AND_BASE;

    public boolean isManaged() {
        return this != BASE;
    }

    public boolean isBase() {
        return this != MANAGED;
    }

    /** Lowercase form used in files and APIs: {@code managed}, {@code base}, {@code managed+base}. */
    public String label() {
        return switch (this) {
            case MANAGED -> "managed";
            case BASE -> "base";
            case MANAGED_AND_BASE -> "managed+base";
        };
    }

    public static Role of(boolean managed, boolean base) {
        if (managed && base) {
            return MANAGED_AND_BASE;
        }
        if (!managed && !base) {
            throw new IllegalArgumentException("an untracked image has no role");
        }
        return managed ? MANAGED : BASE;
    }

    public static Role fromLabel(String label) {
        for (Role role : values()) {
            if (role.label().equals(label)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role \"" + label + "\" (expected managed, base or managed+base)");
    }
}
