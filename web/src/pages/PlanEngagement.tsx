// The engagement log and its summary: who was involved, by staff group and by setting (primary, community),
// which sections engagement shaped ("you said, we did", linked to the sections), and a form to record a
// meeting, workshop, survey, consultation or written response.
import { useState } from "preact/hooks";
import { ErrorSummary, type FieldError } from "../components/ErrorSummary.tsx";
import { Link } from "../router.tsx";
import { paths } from "../routes.ts";
import { useActor } from "../plan/actor.ts";
import { addEngagement } from "../plan/api.ts";
import { engagementTables, readAttendees, staffGroupsBySetting } from "../plan/logic.ts";
import { ENGAGEMENT_KINDS, STAFF_GROUPS, type PlanView } from "../plan/types.ts";
import { problemErrors } from "./PlanParts.tsx";

const KIND_LABELS: Record<string, string> = {
  meeting: "Meeting",
  workshop: "Workshop",
  survey: "Survey",
  consultation: "Consultation",
  "written-response": "Written response",
};

export function PlanEngagement({
  name,
  view,
  reload,
}: {
  name: string;
  view: PlanView;
  reload: () => Promise<void>;
}) {
  const t = engagementTables(view.engagementSummary);
  const orgName = new Map(view.organisations.map((o) => [o.key, o.name]));
  const sectionTitle = new Map(view.plan.content.sections.map((s) => [s.id, s.title]));
  return (
    <>
      <h2>Engagement</h2>
      <p id="engagement-total">
        {t.records === 1 ? "1 record" : `${t.records} records`}, {t.total} attendees in all.
      </p>
      <table class="nhsuk-table" id="engagement-by-setting">
        <caption class="nhsuk-table__caption">Who was involved, by setting</caption>
        <thead class="nhsuk-table__head">
          <tr>
            <th scope="col">Setting</th>
            <th scope="col" class="nhsuk-table__header--numeric">
              Attendees
            </th>
            <th scope="col" class="nhsuk-table__header--numeric">
              Records involving it
            </th>
          </tr>
        </thead>
        <tbody class="nhsuk-table__body">
          {t.bySetting.map((s) => (
            <tr class="nhsuk-table__row" key={s.setting}>
              <td class="nhsuk-table__cell">{s.setting}</td>
              <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{s.attendees}</td>
              <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{s.records ?? "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table class="nhsuk-table" id="engagement-by-group">
        <caption class="nhsuk-table__caption">Who was involved, by staff group</caption>
        <thead class="nhsuk-table__head">
          <tr>
            <th scope="col">Staff group</th>
            <th scope="col">Setting</th>
            <th scope="col" class="nhsuk-table__header--numeric">
              Attendees
            </th>
            <th scope="col" class="nhsuk-table__header--numeric">
              Records
            </th>
          </tr>
        </thead>
        <tbody class="nhsuk-table__body">
          {t.byStaffGroup.map((g) => (
            <tr class="nhsuk-table__row" key={g.label}>
              <td class="nhsuk-table__cell">{g.label}</td>
              <td class="nhsuk-table__cell">{g.setting}</td>
              <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{g.attendees}</td>
              <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{g.records}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Sections engagement shaped</h3>
      {view.engagementSummary.shaped.length === 0 ? (
        <p>None yet.</p>
      ) : (
        <ul class="nhsuk-list nhsuk-list--bullet" id="engagement-shaped">
          {view.engagementSummary.shaped.map((s) => (
            <li key={s.section}>
              <Link href={`${paths.plan(name)}#section-${s.section}`}>
                {sectionTitle.get(s.section) ?? s.section}
              </Link>
              : {s.changes.map((c) => `${c.weDid} (${c.forum}, ${c.date})`).join("; ")}
            </li>
          ))}
        </ul>
      )}
      <h3>The log</h3>
      <div id="engagement-log">
        {view.engagement.map((r) => (
          <div class="nhsuk-card" key={r.id} data-record={r.id}>
            <div class="nhsuk-card__content">
              <h4 class="nhsuk-card__heading">
                {r.date} · {r.forum}
              </h4>
              <dl class="nhsuk-summary-list">
                <Row k="Kind" v={KIND_LABELS[r.kind] ?? r.kind} />
                <Row
                  k="Setting"
                  v={r.settings.map((s) => (s === "primary" ? "Primary care" : "Community care")).join(", ")}
                />
                <Row
                  k="Organisations"
                  v={r.organisations.map((o) => orgName.get(o) ?? o).join("; ") || "–"}
                />
                <Row
                  k="Attendees"
                  v={Object.entries(r.attendees)
                    .map(([g, n]) => `${STAFF_GROUPS[g]?.label ?? g}: ${n}`)
                    .join("; ")}
                />
                <Row k="What was asked" v={r.asked || "–"} />
                <Row k="What was heard" v={r.heard || "–"} />
                <Row
                  k="You said, we did"
                  v={
                    r.changes.length === 0 ? (
                      "–"
                    ) : (
                      <ul class="nhsuk-list">
                        {r.changes.map((c, i) => (
                          <li key={i}>
                            <Link href={`${paths.plan(name)}#section-${c.section}`}>
                              {sectionTitle.get(c.section) ?? c.section}
                            </Link>
                            : {c.weDid}
                          </li>
                        ))}
                      </ul>
                    )
                  }
                />
              </dl>
            </div>
          </div>
        ))}
      </div>
      <EngagementForm name={name} view={view} reload={reload} />
    </>
  );
}

function Row({ k, v }: { k: string; v: preact.ComponentChildren }) {
  return (
    <div class="nhsuk-summary-list__row">
      <dt class="nhsuk-summary-list__key">{k}</dt>
      <dd class="nhsuk-summary-list__value">{v}</dd>
    </div>
  );
}

const FIELD_TARGETS = {
  date: "eng-date",
  kind: "eng-kind",
  forum: "eng-forum",
  attendees: "eng-attendees",
  settings: "eng-settings",
  section: "eng-change-section",
};

function EngagementForm({
  name,
  view,
  reload,
}: {
  name: string;
  view: PlanView;
  reload: () => Promise<void>;
}) {
  const actor = useActor();
  const empty = { date: "", kind: "meeting", forum: "", asked: "", heard: "", section: "", weDid: "" };
  const [f, setF] = useState(empty);
  const [orgs, setOrgs] = useState<string[]>([]);
  const [settings, setSettings] = useState<string[]>([]);
  const [counts, setCounts] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const partners = view.organisations.filter((o) => o.kind !== "practice");
  const toggle = (list: string[], v: string) =>
    list.includes(v) ? list.filter((x) => x !== v) : [...list, v];
  const submit = async (e: Event) => {
    e.preventDefault();
    const { attendees, invalid } = readAttendees(counts);
    if (invalid.length > 0) {
      setErrors([
        {
          field: "attendees",
          message: `a count must be a whole number of 0 or more: ${invalid.join(", ")}`,
          target: "eng-attendees",
        },
      ]);
      return;
    }
    try {
      const r = await addEngagement(actor, name, {
        date: f.date.trim(),
        kind: f.kind,
        forum: f.forum,
        organisations: orgs,
        attendees,
        settings,
        asked: f.asked,
        heard: f.heard,
        changes: f.section && f.weDid.trim() ? [{ section: f.section, weDid: f.weDid }] : [],
      });
      setErrors([]);
      setSaved(`${r.date} ${r.forum}`);
      setF(empty);
      setOrgs([]);
      setSettings([]);
      setCounts({});
      await reload();
    } catch (error) {
      setSaved(null);
      setErrors(problemErrors(error, FIELD_TARGETS));
    }
  };
  const input = (id: string, key: keyof typeof empty, label: string, hint?: string) => (
    <div class="nhsuk-form-group">
      <label class="nhsuk-label" for={id}>
        {label}
      </label>
      {hint ? (
        <div class="nhsuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      <input
        class="nhsuk-input"
        id={id}
        aria-describedby={hint ? `${id}-hint` : undefined}
        value={f[key]}
        onInput={(e) => setF({ ...f, [key]: e.currentTarget.value })}
      />
    </div>
  );
  return (
    <form id="engagement-form" onSubmit={submit}>
      <h3>Record engagement</h3>
      <ErrorSummary errors={errors} />
      {saved ? (
        <div class="nhsuk-inset-text" role="status" id="engagement-saved">
          <p>Recorded: {saved}.</p>
        </div>
      ) : null}
      {input("eng-date", "date", "Date", "As YYYY-MM-DD, for example 2026-03-15")}
      <div class="nhsuk-form-group">
        <label class="nhsuk-label" for="eng-kind">
          Kind
        </label>
        <select
          class="nhsuk-select"
          id="eng-kind"
          value={f.kind}
          onChange={(e) => setF({ ...f, kind: e.currentTarget.value })}
        >
          {ENGAGEMENT_KINDS.map((k) => (
            <option value={k} key={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </div>
      {input("eng-forum", "forum", "Forum", "For example: PCN clinical directors' forum")}
      <fieldset class="nhsuk-fieldset" id="eng-settings">
        <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Setting</legend>
        <div class="nhsuk-checkboxes">
          {(["primary", "community"] as const).map((s) => (
            <div class="nhsuk-checkboxes__item" key={s}>
              <input
                class="nhsuk-checkboxes__input"
                id={`eng-setting-${s}`}
                type="checkbox"
                checked={settings.includes(s)}
                onChange={() => setSettings(toggle(settings, s))}
              />
              <label class="nhsuk-label nhsuk-checkboxes__label" for={`eng-setting-${s}`}>
                {s === "primary" ? "Primary care" : "Community care"}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      <fieldset class="nhsuk-fieldset" id="eng-attendees">
        <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
          Attendees by staff group (counts)
        </legend>
        {staffGroupsBySetting().map((s) => (
          <details class="nhsuk-details" key={s.setting} open={s.setting === "Primary care"}>
            <summary class="nhsuk-details__summary">
              <span class="nhsuk-details__summary-text">{s.setting}</span>
            </summary>
            <div class="nhsuk-details__text icsplan-counts">
              {s.groups.map((g) => (
                <div class="nhsuk-form-group" key={g.id}>
                  <label class="nhsuk-label" for={`eng-count-${g.id}`}>
                    {g.label}
                  </label>
                  <input
                    class="nhsuk-input nhsuk-input--width-3"
                    id={`eng-count-${g.id}`}
                    inputMode="numeric"
                    value={counts[g.id] ?? ""}
                    onInput={(e) => setCounts({ ...counts, [g.id]: e.currentTarget.value })}
                  />
                </div>
              ))}
            </div>
          </details>
        ))}
      </fieldset>
      <details class="nhsuk-details">
        <summary class="nhsuk-details__summary">
          <span class="nhsuk-details__summary-text">Organisations present ({orgs.length} chosen)</span>
        </summary>
        <div class="nhsuk-details__text">
          <div class="nhsuk-checkboxes">
            {partners.map((o) => (
              <div class="nhsuk-checkboxes__item" key={o.key}>
                <input
                  class="nhsuk-checkboxes__input"
                  id={`eng-org-${o.key.replace(/[^a-zA-Z0-9]/g, "-")}`}
                  type="checkbox"
                  checked={orgs.includes(o.key)}
                  onChange={() => setOrgs(toggle(orgs, o.key))}
                />
                <label
                  class="nhsuk-label nhsuk-checkboxes__label"
                  for={`eng-org-${o.key.replace(/[^a-zA-Z0-9]/g, "-")}`}
                >
                  {o.name}
                </label>
              </div>
            ))}
          </div>
        </div>
      </details>
      {input("eng-asked", "asked", "What was asked")}
      {input("eng-heard", "heard", "What was heard")}
      <fieldset class="nhsuk-fieldset">
        <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">You said, we did (optional)</legend>
        <div class="nhsuk-form-group">
          <label class="nhsuk-label" for="eng-change-section">
            Section it changed
          </label>
          <select
            class="nhsuk-select"
            id="eng-change-section"
            value={f.section}
            onChange={(e) => setF({ ...f, section: e.currentTarget.value })}
          >
            <option value="">None</option>
            {view.plan.content.sections.map((s) => (
              <option value={s.id} key={s.id}>
                {s.title}
              </option>
            ))}
          </select>
        </div>
        {input("eng-we-did", "weDid", "What we did")}
      </fieldset>
      <button class="nhsuk-button" type="submit">
        Record engagement
      </button>
    </form>
  );
}
