/** The asset registry, suppressions and change windows of each tenant, over {@link io.vigil.store.soc.SocRecords}. */
package io.vigil.store.soc.triage;
