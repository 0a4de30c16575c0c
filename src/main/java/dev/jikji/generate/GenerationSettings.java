package dev.jikji.generate;

import java.util.List;
import java.util.Set;

/** Per-request decoding settings, defaults already applied. */
record GenerationSettings(int maxNewTokens, double temperature, double topP, long seed, Set<Long> stopTokens,
        List<String> stopStrings) {}
