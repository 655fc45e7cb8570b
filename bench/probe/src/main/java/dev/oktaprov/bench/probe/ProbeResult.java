package dev.oktaprov.bench.probe;

/** What one run reports, as one JSON object (written by hand: the probe loads no JSON library of its own). */
record ProbeResult(long mainEntered, long constructed, long primed, long answered, long secondAnswered,
        long cpuMillisAtAnswer, String firstAnswer, String secondAnswer, MemoryFacts memory) {

    String toJson() {
        return "{\"mainEnteredMicros\":" + mainEntered
                + ",\"constructedMicros\":" + constructed
                + ",\"primedMicros\":" + primed
                + ",\"answeredMicros\":" + answered
                + ",\"secondAnsweredMicros\":" + secondAnswered
                + ",\"cpuMillisAtAnswer\":" + cpuMillisAtAnswer
                + ",\"peakRssKb\":" + memory.peakRssKb()
                + ",\"rssKb\":" + memory.rssKb()
                + ",\"heapUsedBytes\":" + memory.heapUsedBytes()
                + ",\"liveHeapBytes\":" + memory.liveHeapBytes()
                + ",\"heapCommittedBytes\":" + memory.heapCommittedBytes()
                + ",\"classesLoaded\":" + memory.classesLoaded()
                + ",\"firstAnswer\":" + quote(firstAnswer)
                + ",\"secondAnswer\":" + quote(secondAnswer)
                + "}";
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
