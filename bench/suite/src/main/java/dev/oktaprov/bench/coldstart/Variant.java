package dev.oktaprov.bench.coldstart;

import java.util.List;

/**
 * How a cold start is run: which JVM flags on top of the template's (or instead of them), which
 * credentials path, and whether the SnapStart hooks run before the first request.
 *
 * @param templateFlags whether the template's JAVA_TOOL_OPTIONS apply
 * @param extraFlags more JVM flags; {@link #APP_CDS_ARCHIVE} stands for the archive made for this jar
 * @param viaToken OKTA_API_TOKEN instead of the Secrets Manager secret
 * @param prime run beforeCheckpoint and afterRestore between construction and the first request
 */
public record Variant(String id, String label, String buys, boolean templateFlags, List<String> extraFlags,
        boolean viaToken, boolean prime) {

    public static final String APP_CDS_ARCHIVE = "<app-cds-archive>";

    public static final Variant TEMPLATE = new Variant("template", "template flags (C1 only), Secrets Manager",
            "the deployed configuration", true, List.of(), false, false);
    public static final Variant NO_FLAGS = new Variant("no-flags", "no JVM flags (C1 and C2)",
            "what `-XX:TieredStopAtLevel=1` buys", false, List.of(), false, false);
    public static final Variant NO_CDS = new Variant("no-cds", "template flags, `-Xshare:off`",
            "what the JDK's default class-data sharing archive buys", true, List.of("-Xshare:off"), false, false);
    public static final Variant APP_CDS = new Variant("app-cds", "template flags + AppCDS archive",
            "what an application class-data sharing archive (`-XX:SharedArchiveFile`) buys", true,
            List.of(APP_CDS_ARCHIVE), false, false);
    public static final Variant TOKEN = new Variant("token", "template flags, `OKTA_API_TOKEN`",
            "what reading the secret costs (the AWS SDK's first call)", true, List.of(), true, false);
    public static final Variant PRIMED = new Variant("primed", "template flags, SnapStart hooks run first",
            "the first request after a SnapStart restore (priming in beforeCheckpoint)", true, List.of(), false, true);
}
