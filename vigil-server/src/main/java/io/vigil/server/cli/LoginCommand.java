package io.vigil.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil login}: signs in with login, password and (when the account has one) a TOTP code, issues a personal
 * API token from that session, ends the session, and stores the token for later commands ({@link StoredLogin}).
 * The password and code are asked for at the terminal, never taken as arguments (they would land in the shell's
 * history and the process list); {@code --password-stdin} reads them from standard input for scripts.
 */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = "Sign in and keep a personal API token for later commands (in the user's config directory, mode 0600).")
final class LoginCommand implements Runnable {

    private static final int MAX_LINE = 1_024;

    @Mixin ApiClient client;
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Option(names = "--login", required = true, description = "Your login name.") String login;
    @Option(names = "--password-stdin", description = "Read the password (and, if asked, the TOTP code on the next "
            + "line) from standard input instead of the terminal.") boolean passwordStdin;
    @Option(names = "--label", defaultValue = "vigil CLI", description = "The token's label (default ${DEFAULT-VALUE}).")
    String label;
    @Option(names = "--days", description = "Lifetime in days (default: the server's vigil.api-tokens.default-lifetime).")
    Integer days;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private BufferedReader stdin;

    @Override
    public void run() {
        String password = ask("Password: ");
        Map<String, String> body = new LinkedHashMap<>(Map.of("login", login, "password", password));
        HttpResponse<String> signedIn = call("POST", "/api/v1/auth/login", body, null, null);
        JsonNode answer = json(signedIn);
        if (signedIn.statusCode() == 401 && "mfa_required".equals(answer.path("error").asText())) {
            body.put("totp", ask("TOTP code: "));
            signedIn = call("POST", "/api/v1/auth/login", body, null, null);
            answer = json(signedIn);
        }
        if (signedIn.statusCode() != 200) {
            throw failed(signedIn, answer);
        }
        String restriction = answer.path("restriction").asText("none");
        String cookie = signedIn.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("vigil_session="))
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'))).findFirst()
                .orElseThrow(() -> new ApiClient.CallFailed("the server opened no session"));
        String csrf = answer.path("csrfToken").asText();
        try {
            if (!"none".equals(restriction)) {
                throw new ApiClient.CallFailed("finish signing in first (" + restriction
                        + "): change the one-time password or enrol MFA in the console, then run vigil login again");
            }
            Map<String, Object> request = new LinkedHashMap<>(Map.of("label", label));
            if (days != null) {
                request.put("expiresAt", java.time.Instant.now().plus(Duration.ofDays(days)).toString());
            }
            HttpResponse<String> issued = call("POST", "/api/v1/auth/tokens", request, cookie, csrf);
            JsonNode token = json(issued);
            if (issued.statusCode() != 201) {
                throw failed(issued, token);
            }
            Path file = new StoredLogin(StoredLogin.normalise(client.url()), token.path("token").path("id").asText(),
                    token.path("secret").asText()).write();
            spec.commandLine().getOut().println("Signed in as " + answer.path("login").asText(login) + "; token "
                    + token.path("token").path("id").asText() + " expires " + token.path("token").path("expiresAt").asText()
                    + ", stored in " + file);
        } finally {
            call("POST", "/api/v1/auth/logout", null, cookie, csrf); // the token is what stays signed in
        }
    }

    private String ask(String prompt) {
        if (passwordStdin) {
            try {
                if (stdin == null) {
                    stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                }
                String line = stdin.readLine();
                if (line == null || line.length() > MAX_LINE) {
                    throw new ApiClient.CallFailed("expected a line on standard input for '" + prompt.strip() + "'");
                }
                return line;
            } catch (IOException e) {
                throw new ApiClient.CallFailed("cannot read standard input: " + e.getMessage());
            }
        }
        Console console = System.console();
        if (console == null || !Terminal.isInteractive()) {
            throw new ApiClient.CallFailed("no terminal to ask for '" + prompt.strip() + "': use --password-stdin");
        }
        char[] typed = console.readPassword("%s", prompt);
        if (typed == null) {
            throw new ApiClient.CallFailed("nothing entered");
        }
        return new String(typed);
    }

    private HttpResponse<String> call(String method, String path, Object body, String cookie, String csrf) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(client.uri(path)).timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(ApiClient.JSON.writeValueAsString(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (cookie != null) {
                request.header("Cookie", cookie).header("X-CSRF-Token", csrf);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new ApiClient.CallFailed("cannot reach Vigil at " + client.url() + ": is it running? (./vigil serve)");
        } catch (IOException e) {
            throw new ApiClient.CallFailed("call to " + client.url() + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiClient.CallFailed("interrupted");
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return response.body().isBlank() ? ApiClient.JSON.nullNode() : ApiClient.JSON.readTree(response.body());
        } catch (IOException e) {
            return ApiClient.JSON.nullNode();
        }
    }

    private static ApiClient.CallFailed failed(HttpResponse<String> response, JsonNode body) {
        return new ApiClient.CallFailed("HTTP " + response.statusCode() + ": " + body.path("message").asText(response.body()));
    }
}
