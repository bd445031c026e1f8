package io.vigil.store.soc;

import static io.vigil.store.soc.SlaStoresTest.CONTRACT;
import static io.vigil.store.soc.SlaStoresTest.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.core.api.ApiError.Problem;
import io.vigil.soc.IncidentState;
import io.vigil.soc.Priority;
import io.vigil.soc.contract.Contract;
import io.vigil.soc.contract.Coverage;
import io.vigil.soc.contract.Responsibility;
import io.vigil.store.soc.contract.ContractDocument;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContractDocumentTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theDocumentReadsEverySectionAndDefaultsWhatIsLeftOut() throws Exception {
        Contract contract = parse(CONTRACT, json);

        assertThat(contract.targets(Priority.P1).response()).isEqualTo(Duration.ofMinutes(10));
        assertThat(contract.targets(Priority.P2)).isEqualTo(Contract.DEFAULT_TARGETS.get(Priority.P2));
        assertThat(contract.coverage()).isInstanceOfSatisfying(Coverage.BusinessHours.class, h -> {
            assertThat(h.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
            assertThat(h.windows(java.time.DayOfWeek.MONDAY)).hasSize(2);
            assertThat(h.holidays()).containsExactly(LocalDate.parse("2025-12-25"));
        });
        assertThat(contract.coverage(Priority.P1)).isInstanceOf(Coverage.AroundTheClock.class);
        assertThat(contract.pausingStates()).containsExactlyInAnyOrder(IncidentState.WAITING_ON_CLIENT, IncidentState.CONTAINED);
        assertThat(contract.warningPermille()).containsExactly(500, 900);
        assertThat(contract.scope()).containsEntry("isolate-host", Responsibility.MSSP_WITH_APPROVAL);
        assertThat(contract.credits().forBreach(false, Priority.P1)).isEqualByComparingTo("250.5");
        assertThat(contract.credits().monthlyCap()).isEqualByComparingTo(new BigDecimal(2000));
        assertThat(parse(json.writeValueAsString(ContractDocument.write(contract, json)), json)).isEqualTo(contract);
        assertThat(parse("{}", json)).isEqualTo(Contract.defaults());
    }

    @Test
    void everyProblemOfADocumentIsReportedWithItsPath() throws Exception {
        JsonNode bad = json.readTree("""
                {
                  "targets": {"P1": {"response": "15 minutes", "resolution": "PT4H"}, "P9": {}},
                  "coverage": {"type": "business-hours", "timezone": "Mars/Olympus", "hours": {"funday": ["08:00-18:00"],
                               "monday": ["18:00-08:00"]}, "holidays": ["25.12.2025"]},
                  "pausingStates": ["new"],
                  "warnings": [0.75, 1.5, 0.3333],
                  "contacts": [{"id": "Bad Id", "name": "x", "email": "nobody"}],
                  "escalation": [{"after": "PT1H", "tier": "T9"}],
                  "scope": {"isolate-host": "whenever"},
                  "credits": {"unit": "EUR", "perResponseBreach": {"P1": -5}},
                  "colour": "red"
                }
                """);

        ContractDocument.Parsed parsed = ContractDocument.parse(bad, ZoneId.of("UTC"));

        assertThat(parsed).isInstanceOf(ContractDocument.Parsed.Invalid.class);
        List<Problem> problems = ((ContractDocument.Parsed.Invalid) parsed).problems();
        assertThat(problems).extracting(Problem::location).contains("colour", "targets.P1.response", "targets.P9",
                "coverage.timezone", "coverage.hours.funday", "coverage.hours.monday[0]", "coverage.holidays[0]",
                "pausingStates[0]", "warnings[1]", "warnings[2]", "contacts[0]", "escalation[0].tier", "scope.isolate-host",
                "credits");
        assertThat(problems).filteredOn(p -> "targets.P1.response".equals(p.location())).singleElement()
                .extracting(Problem::message).isEqualTo("an ISO-8601 duration such as PT15M or PT4H, not '15 minutes'");
        assertThat(ContractDocument.parse(json.readTree("[1]"), ZoneId.of("UTC"))).isInstanceOf(ContractDocument.Parsed.Invalid.class);
        assertThat(ContractDocument.parse(json.readTree("{\"pausingStates\": [\"new\"]}"), ZoneId.of("UTC")))
                .isInstanceOfSatisfying(ContractDocument.Parsed.Invalid.class, i -> assertThat(i.problems())
                        .extracting(Problem::message).containsExactly("state new cannot pause the clocks"));
    }
}
