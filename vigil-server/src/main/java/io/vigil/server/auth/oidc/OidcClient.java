package io.vigil.server.auth.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vigil as a confidential OpenID Connect client of one provider: reads the provider's discovery document (cached,
 * fetched again after a while), builds authorization requests (code flow, PKCE S256, state, nonce), exchanges codes
 * at the token endpoint and validates ID tokens (signature against the provider's published keys, refetched when an
 * unknown key appears; issuer, audience, authorized party, issue and expiry time with some clock skew, nonce).
 */
public final class OidcClient {

    private static final Logger LOG = LoggerFactory.getLogger(OidcClient.class);
    private static final List<JWSAlgorithm> PREFERRED = List.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.PS256,
            JWSAlgorithm.RS384, JWSAlgorithm.ES384, JWSAlgorithm.RS512, JWSAlgorithm.ES512, JWSAlgorithm.EdDSA);

    private final OidcSettings.Provider provider;
    private final Issuer issuer;
    private final ClientID clientId;
    private final ClientAuthentication authentication;
    private final ProviderHttp http;
    private final Clock clock;
    private final Duration refresh;
    private final int clockSkewSeconds;
    private final int timeoutMillis;
    private Discovered discovered;

    private record Discovered(OIDCProviderMetadata metadata, IDTokenValidator validator, Instant fetchedAt) {
    }

    OidcClient(OidcSettings.Provider provider, OidcSettings settings, ProviderHttp http, Clock clock) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.issuer = new Issuer(provider.issuer());
        this.clientId = new ClientID(provider.clientId());
        Secret secret = new Secret(provider.clientSecret());
        this.authentication = provider.clientAuth().equals("client_secret_post")
                ? new ClientSecretPost(clientId, secret) : new ClientSecretBasic(clientId, secret);
        this.http = http;
        this.clock = clock;
        this.refresh = settings.discoveryRefresh();
        this.clockSkewSeconds = (int) settings.clockSkew().toSeconds();
        this.timeoutMillis = (int) settings.httpTimeout().toMillis();
    }

    public OidcSettings.Provider provider() {
        return provider;
    }

    /** Where to send the browser to sign in. */
    public URI authorizationUri(State state, Nonce nonce, CodeVerifier verifier) {
        OIDCProviderMetadata metadata = discovered().metadata();
        return new AuthenticationRequest.Builder(ResponseType.CODE, new Scope(provider.scopes().toArray(String[]::new)),
                clientId, provider.callbackUri())
                .endpointURI(metadata.getAuthorizationEndpointURI())
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build()
                .toURI();
    }

    /**
     * Checks the callback's {@code iss} parameter (RFC 9207) when the provider sends one: an answer from another
     * provider than the one the login was started with is refused.
     */
    public void checkResponseIssuer(String responseIssuer) {
        if (responseIssuer != null && !issuer.getValue().equals(responseIssuer)) {
            throw new OidcLoginFailure(OidcLoginFailure.Reason.PROVIDER_ERROR,
                    "the authorization response comes from another issuer than " + issuer);
        }
    }

    /** Exchanges the code for tokens and returns the identity of the verified ID token. */
    public OidcIdentity exchange(AuthorizationCode code, Nonce nonce, CodeVerifier verifier) {
        Discovered current = discovered();
        TokenRequest request = new TokenRequest.Builder(current.metadata().getTokenEndpointURI(), authentication,
                new AuthorizationCodeGrant(code, provider.callbackUri(), verifier)).build();
        TokenResponse response;
        try {
            HTTPRequest httpRequest = request.toHTTPRequest();
            httpRequest.setConnectTimeout(timeoutMillis);
            httpRequest.setReadTimeout(timeoutMillis);
            response = OIDCTokenResponseParser.parse(httpRequest.send(http));
        } catch (IOException e) {
            throw unavailable("the token endpoint could not be reached: " + e.getMessage(), e);
        } catch (ParseException e) {
            throw unavailable("the token endpoint's answer is not a token response: " + e.getMessage(), e);
        }
        if (!response.indicatesSuccess()) {
            ErrorObject error = response.toErrorResponse().getErrorObject();
            throw new OidcLoginFailure(OidcLoginFailure.Reason.TOKEN_REJECTED, "the identity provider refused the code "
                    + "exchange: " + describe(error));
        }
        JWT idToken = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getIDToken();
        if (idToken == null) {
            throw new OidcLoginFailure(OidcLoginFailure.Reason.INVALID_ID_TOKEN, "the token response holds no ID token");
        }
        IDTokenClaimsSet claims;
        try {
            claims = current.validator().validate(idToken, nonce);
        } catch (BadJOSEException e) {
            throw new OidcLoginFailure(OidcLoginFailure.Reason.INVALID_ID_TOKEN, "the ID token is not valid: "
                    + e.getMessage(), e);
        } catch (KeySourceException e) {
            throw unavailable("the identity provider's signing keys could not be read: " + e.getMessage(), e);
        } catch (JOSEException e) {
            throw new OidcLoginFailure(OidcLoginFailure.Reason.INVALID_ID_TOKEN, "the ID token could not be verified: "
                    + e.getMessage(), e);
        }
        try {
            return OidcIdentity.of(provider.id(), claims.toJWTClaimsSet().getClaims());
        } catch (ParseException e) {
            throw new OidcLoginFailure(OidcLoginFailure.Reason.INVALID_ID_TOKEN, "the ID token's claims cannot be read", e);
        }
    }

    /** The discovery document and its validator; fetched on first use and again once it is older than the refresh. */
    private synchronized Discovered discovered() {
        Instant now = clock.instant();
        if (discovered != null && now.isBefore(discovered.fetchedAt().plus(refresh))) {
            return discovered;
        }
        try {
            discovered = discover(now);
        } catch (OidcLoginFailure e) {
            if (discovered == null) {
                throw e;
            }
            LOG.warn("Keeping the old discovery document of identity provider {}: {}", provider.id(), e.getMessage());
        }
        return discovered;
    }

    private Discovered discover(Instant now) {
        URI location = URI.create(issuer.getValue() + "/.well-known/openid-configuration");
        OIDCProviderMetadata metadata;
        try {
            HTTPRequest request = new HTTPRequest(HTTPRequest.Method.GET, location);
            request.setConnectTimeout(timeoutMillis);
            request.setReadTimeout(timeoutMillis);
            HTTPResponse response = request.send(http);
            if (response.getStatusCode() != 200) {
                throw unavailable(location + " answered HTTP " + response.getStatusCode(), null);
            }
            metadata = OIDCProviderMetadata.parse(response.getBody());
        } catch (IOException e) {
            throw unavailable("the discovery document " + location + " could not be read: " + e.getMessage(), e);
        } catch (ParseException e) {
            throw unavailable("the discovery document " + location + " is not valid: " + e.getMessage(), e);
        }
        if (!issuer.equals(metadata.getIssuer())) {
            throw unavailable("the discovery document names issuer " + metadata.getIssuer() + ", not " + issuer, null);
        }
        if (metadata.getCodeChallengeMethods() != null && !metadata.getCodeChallengeMethods().contains(CodeChallengeMethod.S256)) {
            throw unavailable("the identity provider does not support PKCE with S256", null);
        }
        if (metadata.getTokenEndpointURI() == null || metadata.getJWKSetURI() == null) {
            throw unavailable("the discovery document names no token endpoint or no key set", null);
        }
        JWSAlgorithm algorithm = PREFERRED.stream()
                .filter(a -> metadata.getIDTokenJWSAlgs() == null || metadata.getIDTokenJWSAlgs().contains(a))
                .findFirst()
                .orElseThrow(() -> unavailable("the identity provider signs ID tokens with none of " + PREFERRED, null));
        IDTokenValidator validator;
        try {
            validator = new IDTokenValidator(issuer, clientId, algorithm, metadata.getJWKSetURI().toURL(), http);
        } catch (java.net.MalformedURLException e) {
            throw unavailable("the key set URL " + metadata.getJWKSetURI() + " is not valid", e);
        }
        validator.setMaxClockSkew(clockSkewSeconds);
        LOG.info("Identity provider {}: discovered {} (ID tokens signed with {})", provider.id(), issuer, algorithm);
        return new Discovered(metadata, validator, now);
    }

    private static String describe(ErrorObject error) {
        return error.getDescription() == null ? String.valueOf(error.getCode())
                : error.getCode() + " (" + error.getDescription() + ")";
    }

    private static OidcLoginFailure unavailable(String message, Throwable cause) {
        return new OidcLoginFailure(OidcLoginFailure.Reason.PROVIDER_UNAVAILABLE, message, cause);
    }
}
