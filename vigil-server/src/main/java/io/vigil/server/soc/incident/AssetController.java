package io.vigil.server.soc.incident;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.core.access.Permission;
import io.vigil.core.tenant.TenantId;
import io.vigil.server.security.Requires;
import io.vigil.server.tenant.TenantResolver;
import io.vigil.soc.triage.Asset;
import io.vigil.soc.triage.AssetCsv;
import io.vigil.soc.triage.Criticality;
import io.vigil.store.NotFoundException;
import io.vigil.store.soc.triage.JdbcAssets;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tenant's asset registry: read with incidents:read, changed with assets:manage. {@code POST …/assets/import}
 * takes CSV ({@code text/csv}, see {@link AssetCsv}) or a JSON array of assets and upserts by name.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/assets")
class AssetController {

    static final int MAX_IMPORT_BYTES = 20 * 1024 * 1024;

    private final JdbcAssets assets;
    private final TenantResolver resolver;
    private final ObjectMapper json;

    AssetController(JdbcAssets assets, TenantResolver resolver, ObjectMapper json) {
        this.assets = assets;
        this.resolver = resolver;
        this.json = json;
    }

    record AssetRequest(String name, List<String> identifiers, String owner, String criticality, Boolean crownJewel,
                        Boolean criticalWeakness, String site) {
        Asset toAsset(UUID id, TenantId tenant) {
            return new Asset(id, tenant, name, identifiers, owner,
                    criticality == null ? null : Criticality.parse(criticality), Boolean.TRUE.equals(crownJewel),
                    Boolean.TRUE.equals(criticalWeakness), site);
        }
    }

    record AssetView(String id, String name, List<String> identifiers, String owner, String criticality,
                     boolean crownJewel, boolean criticalWeakness, String site) {
        static AssetView of(Asset a) {
            return new AssetView(a.id().toString(), a.name(), a.identifiers(), a.owner(), a.criticality().code(),
                    a.crownJewel(), a.criticalWeakness(), a.site());
        }
    }

    record Imported(int imported, int created, int updated) {
    }

    @Requires(Permission.INCIDENTS_READ)
    @GetMapping
    List<AssetView> list(@PathVariable String tenant) {
        return assets.list(resolver.resolve(tenant).id()).stream().map(AssetView::of).toList();
    }

    @Requires(Permission.INCIDENTS_READ)
    @GetMapping("/{assetId}")
    AssetView show(@PathVariable String tenant, @PathVariable UUID assetId) {
        return AssetView.of(assets.find(resolver.resolve(tenant).id(), assetId)
                .orElseThrow(() -> new NotFoundException("no asset " + assetId)));
    }

    @Requires(Permission.ASSETS_MANAGE)
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    AssetView create(@PathVariable String tenant, @RequestBody AssetRequest body) {
        TenantId scope = resolver.resolve(tenant).id();
        return AssetView.of(assets.save(scope, body.toAsset(UUID.randomUUID(), scope)));
    }

    @Requires(Permission.ASSETS_MANAGE)
    @PutMapping("/{assetId}")
    AssetView update(@PathVariable String tenant, @PathVariable UUID assetId, @RequestBody AssetRequest body) {
        TenantId scope = resolver.resolve(tenant).id();
        assets.find(scope, assetId).orElseThrow(() -> new NotFoundException("no asset " + assetId));
        return AssetView.of(assets.save(scope, body.toAsset(assetId, scope)));
    }

    @Requires(Permission.ASSETS_MANAGE)
    @DeleteMapping("/{assetId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String tenant, @PathVariable UUID assetId) {
        if (!assets.delete(resolver.resolve(tenant).id(), assetId)) {
            throw new NotFoundException("no asset " + assetId);
        }
    }

    @Requires(Permission.ASSETS_MANAGE)
    @PostMapping("/import")
    Imported importAssets(@PathVariable String tenant, HttpServletRequest request) {
        TenantId scope = resolver.resolve(tenant).id();
        String type = request.getContentType();
        String body = Bodies.text(request, MAX_IMPORT_BYTES, "the import");
        if (body.isBlank()) {
            throw new IllegalArgumentException("the import is empty: send CSV (text/csv) or a JSON array of assets");
        }
        List<Asset> parsed = type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("text/csv")
                ? AssetCsv.parse(scope, body) : fromJson(scope, body);
        Map<String, Asset> existing = assets.list(scope).stream()
                .collect(Collectors.toMap(a -> a.name().toLowerCase(java.util.Locale.ROOT), Function.identity(), (a, b) -> a));
        int created = 0;
        int updated = 0;
        for (Asset a : parsed) {
            Asset old = existing.get(a.name().toLowerCase(java.util.Locale.ROOT));
            UUID id = old == null ? a.id() : old.id();
            assets.save(scope, new Asset(id, scope, a.name(), a.identifiers(), a.owner(), a.criticality(), a.crownJewel(),
                    a.criticalWeakness(), a.site()));
            if (old == null) {
                created++;
            } else {
                updated++;
            }
        }
        return new Imported(parsed.size(), created, updated);
    }

    private List<Asset> fromJson(TenantId scope, String body) {
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("the import is neither CSV (send Content-Type text/csv) nor valid JSON");
        }
        if (tree == null || !tree.isArray()) {
            throw new IllegalArgumentException("a JSON import is an array of assets");
        }
        if (tree.size() > AssetCsv.MAX_ROWS) {
            throw new IllegalArgumentException("at most " + AssetCsv.MAX_ROWS + " assets per import");
        }
        List<Asset> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < tree.size(); i++) {
            try {
                out.add(json.treeToValue(tree.get(i), AssetRequest.class).toAsset(UUID.randomUUID(), scope));
            } catch (IOException | IllegalArgumentException e) {
                if (problems.size() < 20) {
                    problems.add("item " + i + ": " + (e instanceof IOException ? "not an asset object" : e.getMessage()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return out;
    }
}
