package org.elasticslurm.scenarios.parse;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** "Did you mean" for misspelt keys and values: the closest allowed word within a small edit distance. */
final class Suggestions {
    private Suggestions() {
    }

    static Optional<String> closest(String word, List<String> allowed) {
        int limit = Math.max(1, word.length() / 3);
        return allowed.stream()
                .filter(a -> distance(word.toLowerCase(java.util.Locale.ROOT), a.toLowerCase(java.util.Locale.ROOT)) <= limit)
                .min(Comparator.comparingInt(a -> distance(word, a)));
    }

    /** Optimal string alignment distance (Levenshtein with adjacent transpositions). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
