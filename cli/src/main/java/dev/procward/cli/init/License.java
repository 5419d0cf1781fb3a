package dev.procward.cli.init;

/** What {@code -l} prints: tini prints its licence; procward says what it is and what it is not. */
final class License {
    private License() {}

    static final String TEXT = """
            procward: see the LICENSE file of the procward distribution for its licence terms.
            The tini and dumb-init personalities reimplement the behaviour of those programs; they contain
            no code from tini (MIT licence, Thomas Orozco) or dumb-init (MIT licence, Yelp, Inc.).
            """;
}
