package dev.oktaprov.local.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the project's version, as the core's build recorded it. */
final class ProjectVersion implements IVersionProvider {

    @Override
    public String[] getVersion() throws IOException {
        try (InputStream in = ProjectVersion.class.getResourceAsStream("/dev/oktaprov/okta/okta-provisioning.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return new String[] {"okta-provisioning " + properties.getProperty("version", "dev") + " (run-local)"};
        }
    }
}
