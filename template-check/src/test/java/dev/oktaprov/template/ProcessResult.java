package dev.oktaprov.template;

/** What an external tool (cfn-lint, the SAM translator) printed and how it exited. */
record ProcessResult(int exitCode, String stdout, String stderr) {

    boolean succeeded() {
        return exitCode == 0;
    }

    /** Both streams, for a failure message a human reads. */
    String output() {
        return (stdout + System.lineSeparator() + stderr).strip();
    }
}
