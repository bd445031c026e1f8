package io.vigil.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options and HTTP calls shared by the commands that talk to a running Vigil over its REST API. */
final class ApiClient {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static final String DEFAULT_URL = "http://127.0.0.1:8080";

    @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:VIGIL_URL}",
            description = "Vigil's REST API (env VIGIL_URL; else the server of 'vigil login'; else " + DEFAULT_URL + ").")
    String url;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:VIGIL_TOKEN}",
            description = "API token (env VIGIL_TOKEN; else the one 'vigil login' stored for that server).")
    String token;

    @Option(names = "--json", description = "Print the API's JSON answer instead of a table.")
    boolean json;

    /** Built on the first call: commands that work offline ({@code rules validate}, {@code hunt}) never need it. */
    private HttpClient http;

    private HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        }
        return http;
    }

    /** A call that failed: the message is for the person at the terminal. */
    static final class CallFailed extends RuntimeException {
        CallFailed(String message) {
            super(message);
        }
    }

    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    JsonNode post(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    JsonNode put(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    JsonNode patch(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(write(body))));
    }

    JsonNode delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    /**
     * The body of a {@code GET} as a stream (an export), for the caller to close; failures as for JSON calls.
     */
    java.io.InputStream download(String path) {
        requireToken();
        HttpRequest request = HttpRequest.newBuilder(uri(path)).GET().header("Authorization", "Bearer " + token)
                .timeout(Duration.ofMinutes(30)).build();
        try {
            HttpResponse<java.io.InputStream> response = http().send(request,
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() >= 400) {
                String body;
                try (java.io.InputStream in = response.body()) {
                    body = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
                JsonNode error = body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
                throw new CallFailed("HTTP " + response.statusCode() + ": " + error.path("message").asText(body));
            }
            return response.body();
        } catch (ConnectException e) {
            throw new CallFailed("cannot reach Vigil at " + url + ": is it running? (./vigil serve)");
        } catch (IOException e) {
            throw new CallFailed("call to " + url + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailed("interrupted");
        }
    }

    /** Fills in the server and token that {@code vigil login} stored, where neither option nor environment gave them. */
    private void resolve() {
        java.util.Optional<StoredLogin> stored = url == null || token == null || token.isBlank()
                ? StoredLogin.read() : java.util.Optional.empty();
        if (url == null || url.isBlank()) {
            url = stored.map(StoredLogin::url).orElse(DEFAULT_URL);
        }
        if ((token == null || token.isBlank()) && stored.isPresent()
                && StoredLogin.normalise(stored.get().url()).equals(StoredLogin.normalise(url))) {
            token = stored.get().token(); // never to another server than the one that issued it
        }
    }

    /** The server to talk to, once resolved. */
    String url() {
        resolve();
        return url;
    }

    private void requireToken() {
        resolve();
        if (token == null || token.isBlank()) {
            throw new CallFailed("no API token: run 'vigil login', pass --token or set VIGIL_TOKEN (the demo prints one)");
        }
    }

    private JsonNode send(HttpRequest.Builder request) {
        requireToken();
        request.header("Authorization", "Bearer " + token).header("Accept", "application/json").timeout(Duration.ofSeconds(30));
        try {
            HttpResponse<String> response = http().send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
            if (response.statusCode() >= 400) {
                StringBuilder message = new StringBuilder("HTTP " + response.statusCode() + ": "
                        + body.path("message").asText(response.body()));
                body.path("problems").forEach(problem -> message.append(System.lineSeparator()).append("  - ")
                        .append(problem.path("location").isMissingNode() || problem.path("location").isNull() ? ""
                                : problem.path("location").asText() + ": ")
                        .append(problem.path("message").asText()));
                throw new CallFailed(message.toString());
            }
            return body;
        } catch (ConnectException e) {
            throw new CallFailed("cannot reach Vigil at " + url + ": is it running? (./vigil serve)");
        } catch (IOException e) {
            throw new CallFailed("call to " + url + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailed("interrupted");
        }
    }

    URI uri(String path) {
        String base = StoredLogin.normalise(url());
        return URI.create(base + path);
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new CallFailed("cannot encode request: " + e.getMessage());
        }
    }

    static String encode(String segment) {
        return java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
