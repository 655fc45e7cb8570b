package dev.oktaprov.local.cli;

import dev.oktaprov.simulator.Main;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code simulator [options]}: only the Okta simulator, with its own command line ({@code --help}
 * lists it). {@code LOCAL_OKTA_PORT}, {@code LOCAL_OKTA_TOKEN} and {@code LOCAL_OKTA_SEED} give
 * defaults that options on the command line override.
 */
@Command(name = "simulator", usageHelpAutoWidth = true,
        header = "Runs only the Okta simulator until Ctrl-C (options: run-local simulator --help).",
        description = "Every option is the simulator's own. LOCAL_OKTA_PORT, LOCAL_OKTA_TOKEN and LOCAL_OKTA_SEED "
                + "give defaults that options override.")
final class SimulatorCommand implements Callable<Integer> {

    private final RunContext context;

    @Unmatched
    List<String> arguments = new ArrayList<>();

    SimulatorCommand(RunContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        // Nothing of the runner's to clean up: the simulator's Main stops the simulator on Ctrl-C itself.
        context.lifecycle().finished();
        Main.main(arguments(context.env(), arguments).toArray(String[]::new));
        return 0;
    }

    /** The environment's defaults first: the simulator lets a later option win. */
    static List<String> arguments(Map<String, String> env, List<String> given) {
        List<String> all = new ArrayList<>();
        addDefault(all, env, "LOCAL_OKTA_PORT", "--port");
        addDefault(all, env, "LOCAL_OKTA_TOKEN", "--token");
        addDefault(all, env, "LOCAL_OKTA_SEED", "--seed");
        all.addAll(given);
        return all;
    }

    private static void addDefault(List<String> arguments, Map<String, String> env, String variable, String option) {
        String value = env.get(variable);
        if (value != null && !value.isBlank()) {
            arguments.add(option);
            arguments.add(value.strip());
        }
    }
}
