package dev.sagitta.persistence.testing;

/** Rewrites PostgreSQL JDBC URLs. */
final class PostgresUrls {

    private static final String PREFIX = "jdbc:postgresql://";

    private PostgresUrls() {
    }

    /**
     * The same URL pointing at another database on the same server, keeping its parameters:
     * {@code jdbc:postgresql://host:5432/test?user=postgres} becomes
     * {@code jdbc:postgresql://host:5432/<database>?user=postgres}.
     */
    static String withDatabase(String url, String database) {
        if (!url.startsWith(PREFIX)) {
            throw new IllegalArgumentException("expected a URL like jdbc:postgresql://host:port/database, got " + url);
        }
        int parameters = url.indexOf('?');
        String beforeParameters = parameters < 0 ? url : url.substring(0, parameters);
        String parameterPart = parameters < 0 ? "" : url.substring(parameters);
        int slash = beforeParameters.indexOf('/', PREFIX.length());
        String server = slash < 0 ? beforeParameters : beforeParameters.substring(0, slash);
        return server + "/" + database + parameterPart;
    }
}
