package io.vigil.soc.regulatory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A report a regulation asks for, with the content it asks for. NIS-2 Art. 23(4): (a) early warning, (b) incident
 * notification, (d) final report, (e) progress report when the incident is still ongoing; GDPR Art. 33(1), (3):
 * notification of a personal data breach to the supervisory authority.
 */
public enum Step {
    NIS2_EARLY_WARNING(Regime.NIS2, "early-warning", List.of(
            DraftField.choice("suspectedMalicious", "whether the incident is suspected of being caused by unlawful or malicious acts (Art. 23(4)(a))"),
            DraftField.choice("crossBorderImpact", "whether the incident could have a cross-border impact (Art. 23(4)(a))"),
            DraftField.optional("summary", "a short description of what is known"),
            DraftField.optional("assistanceRequested", "guidance or operational assistance asked of the CSIRT (Art. 23(5))"))),
    NIS2_NOTIFICATION(Regime.NIS2, "notification", List.of(
            DraftField.optional("updates", "updates of the information in the early warning (Art. 23(4)(b))"),
            DraftField.text("initialAssessment", "an initial assessment of the significant incident (Art. 23(4)(b))"),
            DraftField.text("severity", "its severity (Art. 23(4)(b))"),
            DraftField.text("impact", "its impact (Art. 23(4)(b))"),
            DraftField.optional("indicatorsOfCompromise", "indicators of compromise, where available (Art. 23(4)(b))"))),
    NIS2_PROGRESS_REPORT(Regime.NIS2, "progress-report", List.of(
            DraftField.text("description", "where the handling of the ongoing incident stands (Art. 23(4)(e))"),
            DraftField.text("severity", "its severity and impact as now known"),
            DraftField.optional("mitigation", "mitigation measures applied and ongoing"))),
    NIS2_FINAL_REPORT(Regime.NIS2, "final-report", List.of(
            DraftField.text("description", "a detailed description of the incident (Art. 23(4)(d)(i))"),
            DraftField.text("severity", "its severity (Art. 23(4)(d)(i))"),
            DraftField.text("impact", "its impact (Art. 23(4)(d)(i))"),
            DraftField.text("threatType", "the type of threat that is likely to have triggered the incident (Art. 23(4)(d)(ii))"),
            DraftField.text("rootCause", "the root cause that is likely to have triggered the incident (Art. 23(4)(d)(ii))"),
            DraftField.text("mitigation", "applied and ongoing mitigation measures (Art. 23(4)(d)(iii))"),
            DraftField.optional("crossBorderImpact", "where applicable, the cross-border impact (Art. 23(4)(d)(iv))"))),
    GDPR_NOTIFICATION(Regime.GDPR, "notification", List.of(
            DraftField.text("nature", "the nature of the personal data breach (Art. 33(3)(a))"),
            DraftField.optional("dataSubjectCategories", "categories of data subjects concerned, where possible (Art. 33(3)(a))"),
            DraftField.optional("dataSubjectsApproximate", "approximate number of data subjects concerned (Art. 33(3)(a))"),
            DraftField.optional("recordCategories", "categories of personal data records concerned (Art. 33(3)(a))"),
            DraftField.optional("recordsApproximate", "approximate number of personal data records concerned (Art. 33(3)(a))"),
            DraftField.text("contactPoint", "name and contact details of the data protection officer or other contact point (Art. 33(3)(b))"),
            DraftField.text("likelyConsequences", "the likely consequences of the breach (Art. 33(3)(c))"),
            DraftField.text("measures", "measures taken or proposed to address the breach and mitigate its possible adverse effects (Art. 33(3)(d))"),
            DraftField.optional("delayReasons", "the reasons for the delay, required when notified after 72 hours (Art. 33(1))")));

    public static final int MAX_VALUE_CHARS = 10_000;

    private final Regime regime;
    private final String code;
    private final List<DraftField> fields;

    Step(Regime regime, String code, List<DraftField> fields) {
        this.regime = regime;
        this.code = code;
        this.fields = fields;
    }

    public Regime regime() {
        return regime;
    }

    public String code() {
        return code;
    }

    /** The alarm clock name ({@code nis2-early-warning}, {@code gdpr-notification}, …). */
    public String clock() {
        return regime.code() + "-" + code;
    }

    public List<DraftField> fields() {
        return fields;
    }

    public static List<Step> of(Regime regime) {
        return java.util.Arrays.stream(values()).filter(s -> s.regime == regime).toList();
    }

    public static Step of(Regime regime, String code) {
        for (Step s : of(regime)) {
            if (s.code.equals(code)) {
                return s;
            }
        }
        throw new IllegalArgumentException("step must be one of " + of(regime).stream().map(Step::code).toList()
                + " for " + regime.code() + ", not '" + code + "'");
    }

    /** The step whose submission closes a clock of the regime: the NIS-2 final report, the GDPR notification. */
    public static Step finalStep(Regime regime) {
        return regime == Regime.NIS2 ? NIS2_FINAL_REPORT : GDPR_NOTIFICATION;
    }

    /** Problems of a draft: unknown fields, values not allowed, values too long; each names its field. */
    public List<String> problems(Map<String, String> draft) {
        List<String> problems = new ArrayList<>();
        draft.forEach((name, value) -> {
            DraftField field = fields.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
            if (field == null) {
                problems.add(name + ": not part of a " + clock() + " (fields: "
                        + fields.stream().map(DraftField::name).toList() + ")");
            } else if (value == null || value.length() > MAX_VALUE_CHARS
                    || value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
                problems.add(name + ": at most " + MAX_VALUE_CHARS + " characters of text");
            } else if (!field.options().isEmpty() && !field.options().contains(value)) {
                problems.add(name + ": one of " + field.options() + ", not '" + value + "'");
            }
        });
        return problems;
    }

    /** The required fields a draft leaves empty. */
    public List<String> missing(Map<String, String> draft) {
        return fields.stream().filter(DraftField::required)
                .filter(f -> draft.getOrDefault(f.name(), "").isBlank()).map(DraftField::name).toList();
    }
}
