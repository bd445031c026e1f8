package io.vigil.testoidc;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * A real OpenID provider for tests: Spring Authorization Server in its own Spring Boot application on a random
 * port, with one confidential client that must use PKCE and needs no consent, form login, and people whose ID
 * tokens carry {@code groups}, {@code amr} and, for client users, {@code tenant}. Two people get deliberately
 * broken ID tokens (another audience, another nonce) so that a relying party's validation can be seen to refuse
 * them. Lives outside {@code io.vigil.server} so that neither application scans the other's beans.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = {DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class})
public class TestOidcProvider {

    /** A person who can sign in: password {@code password-<username>}. */
    public record Person(String username, String name, List<String> groups, List<String> amr, String tenant) {
    }

    public static final String CLIENT_ID = "vigil";
    public static final String WRONG_AUDIENCE = "mallory-audience";
    public static final String WRONG_NONCE = "mallory-nonce";

    public static final Map<String, Person> PEOPLE = Map.of(
            "alice", new Person("alice", "Alice Analyst", List.of("soc-t1", "everyone"), List.of("pwd", "mfa"), null),
            "bob", new Person("bob", "Bob Nomfa", List.of("soc-t1"), List.of("pwd"), null),
            "carol", new Person("carol", "Carol Client", List.of("acme-admins"), List.of("pwd"), "acme"),
            "dave", new Person("dave", "Dave Marketing", List.of("marketing"), List.of("pwd", "mfa"), null),
            WRONG_AUDIENCE, new Person(WRONG_AUDIENCE, "Mallory", List.of("soc-t1"), List.of("mfa"), null),
            WRONG_NONCE, new Person(WRONG_NONCE, "Mallory", List.of("soc-t1"), List.of("mfa"), null));

    /** A running provider; close it after the tests. */
    public record Running(ConfigurableApplicationContext context, String issuer) implements AutoCloseable {
        @Override
        public void close() {
            context.close();
        }
    }

    /**
     * Starts the provider with the client {@value #CLIENT_ID}.
     *
     * @param clientSecret the client's secret
     * @param redirectUris the callback URLs the client may use
     */
    public static Running start(String clientSecret, List<String> redirectUris) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(TestOidcProvider.class)
                .web(WebApplicationType.SERVLET)
                .properties(Map.of(
                        "spring.config.name", "vigil-test-oidc-provider", // not Vigil's application.properties
                        "server.port", "0",
                        "server.address", "127.0.0.1",
                        "spring.main.banner-mode", "off",
                        "spring.jmx.enabled", "false",
                        "test-oidc.client-secret", clientSecret,
                        "test-oidc.redirect-uris", String.join(",", redirectUris)))
                .run();
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new Running(context, "http://127.0.0.1:" + port);
    }

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
        OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
        http.securityMatcher(server.getEndpointsMatcher())
                .with(server, s -> s.oidc(Customizer.withDefaults()))
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .exceptionHandling(e -> e.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain login(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth.anyRequest().authenticated()).formLogin(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    UserDetailsService people() {
        return new InMemoryUserDetailsManager(PEOPLE.values().stream()
                .map(p -> User.withUsername(p.username()).password("{noop}password-" + p.username()).roles("USER").build())
                .toList());
    }

    @Bean
    RegisteredClientRepository clients(org.springframework.core.env.Environment environment) {
        Set<String> redirectUris = Set.of(environment.getRequiredProperty("test-oidc.redirect-uris").split(","));
        RegisteredClient vigil = RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(CLIENT_ID)
                .clientSecret("{noop}" + environment.getRequiredProperty("test-oidc.client-secret"))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUris(uris -> uris.addAll(redirectUris))
                .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE).scope(OidcScopes.EMAIL)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .build();
        return new InMemoryRegisteredClientRepository(vigil);
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings() {
        return AuthorizationServerSettings.builder().build(); // issuer taken from the request: http://127.0.0.1:<port>
    }

    @Bean
    JWKSource<SecurityContext> signingKeys() throws java.security.NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                .keyID(UUID.randomUUID().toString()).build();
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> idTokenClaims() {
        return context -> {
            if (!OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                return;
            }
            Person person = PEOPLE.get(context.getPrincipal().getName());
            context.getClaims().claim("preferred_username", person.username()).claim("name", person.name())
                    .claim("email", person.username() + "@example.com")
                    .claim("groups", person.groups()).claim("amr", person.amr());
            if (person.tenant() != null) {
                context.getClaims().claim("tenant", person.tenant());
            }
            if (person.username().equals(WRONG_AUDIENCE)) {
                context.getClaims().audience(List.of("another-client"));
            }
            if (person.username().equals(WRONG_NONCE)) {
                context.getClaims().claim("nonce", "a-nonce-vigil-never-sent");
            }
        };
    }
}
