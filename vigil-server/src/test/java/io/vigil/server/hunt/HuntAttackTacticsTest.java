package io.vigil.server.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped ATT&CK v18.1 technique &rarr; tactic mapping. */
class HuntAttackTacticsTest {

    private final AttackTactics tactics = AttackTactics.load();

    @Test
    void mapsTechniqueAndSubTechniqueTagsToTheirTactics() {
        assertThat(tactics.size()).isEqualTo(835);
        assertThat(tactics.of(List.of("attack.execution", "attack.t1059.001"))).containsExactly("execution");
        assertThat(tactics.of(List.of("attack.T1003"))).containsExactly("credential-access");
        assertThat(tactics.of(List.of("attack.t1078"))).contains("persistence", "privilege-escalation",
                "defense-evasion", "initial-access");
    }

    @Test
    void countsTechniquesFromLaterAttackReleasesAsUnknownAndIgnoresOtherTags() {
        assertThat(tactics.of(List.of("attack.t1690", "attack.t1059"))).containsExactly("execution", "unknown");
        assertThat(tactics.of(List.of("attack.g0016", "cve.2021-44228", "attack.s0002"))).isEmpty();
    }
}
