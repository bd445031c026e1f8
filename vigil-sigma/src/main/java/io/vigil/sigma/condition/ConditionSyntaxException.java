package io.vigil.sigma.condition;

/** A condition that cannot be parsed; {@code position} is the 0-based character offset of the fault. */
public final class ConditionSyntaxException extends Exception {

    private final int position;

    ConditionSyntaxException(String message, int position) {
        super(message + " at column " + (position + 1));
        this.position = position;
    }

    public int position() {
        return position;
    }
}
