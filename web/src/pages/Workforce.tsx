// An ICB's workforce: GP FTE per 10,000 patients over the years by PCN or by place (sub-ICB), chosen on the
// page and kept in the URL (?by=sub-icb), as a line chart (the ICB's line over every PCN's or place's) and
// the figures as a table; the PCNs or places losing partners fastest; the partnership risk table with each
// component; and ARRS entitlement, cost and headroom by PCN (/api/workforce/*).
import { getJson } from "../api.ts";
import { onePerField } from "../errors.ts";
import { Caveats } from "../components/Caveats.tsx";
import { ErrorSummary, fromApiError } from "../components/ErrorSummary.tsx";
import { LineChart, type LineSeries } from "../components/LineChart.tsx";
import { componentValue } from "../components/RiskComponents.tsx";
import { SortableTable } from "../components/SortableTable.tsx";
import { decimal, percent, whole } from "../format.ts";
import { Link, navigate, useLocation } from "../router.tsx";
import { paths } from "../routes.ts";
import type { Arrs, ArrsPcn, Partners, PracticeRisk, Risk, Trends, WorkforceSeries } from "../types.ts";
import { useApi } from "../use-api.ts";

const ICB_LINE = "#005eb8";

const per10k = (s: WorkforceSeries): LineSeries => ({
  name: `${s.area.name} (${s.area.code})`,
  points: s.points.map((p) => ({ x: p.label, y: p.figures.per10k.gpFte })),
});

const pounds = (n: number | null | undefined) => (n === null || n === undefined ? "–" : `£${whole(n)}`);

/** The levels the trend lines and the partner falls can be shown by, as the API names them. */
export const WORKFORCE_PAGE_LEVELS = [
  { by: "pcn", label: "PCNs", one: "PCN" },
  { by: "sub-icb", label: "Places (sub-ICBs)", one: "place" },
] as const;
export type WorkforcePageLevel = (typeof WORKFORCE_PAGE_LEVELS)[number]["by"];

/** The level a query asks for (?by=sub-icb); PCNs otherwise. */
export const levelOf = (query: URLSearchParams): WorkforcePageLevel =>
  query.get("by") === "sub-icb" ? "sub-icb" : "pcn";

export function Workforce({ code }: { code: string }) {
  const where = useLocation();
  const by = levelOf(where.query);
  const level = WORKFORCE_PAGE_LEVELS.find((l) => l.by === by)!;
  const trends = useApi(() => getJson<Trends>("workforce/trends", { by, icb: code }), `${code}:${by}`);
  const partners = useApi(
    () => getJson<Partners>("workforce/partners", { by, icb: code, top: 10 }),
    `${code}:${by}`,
  );
  const risk = useApi(() => getJson<Risk>("workforce/risk", { icb: code, top: 20 }), code);
  const arrs = useApi(() => getJson<Arrs>("workforce/arrs", { icb: code }), code);
  const errors = [trends.error, partners.error, risk.error, arrs.error]
    .filter((e) => e !== undefined)
    .map((e) => fromApiError(e));
  const name = trends.data?.scope?.name ?? code;
  return (
    <>
      <ErrorSummary errors={onePerField(errors)} />
      <span class="nhsuk-caption-l">Workforce</span>
      <h1>{trends.data ? name : code}</h1>
      <p>
        <Link href={paths.icb(code)}>The overview of {name}</Link>
      </p>
      <div class="nhsuk-form-group">
        <label class="nhsuk-label" for="workforce-level">
          Trend lines and partner falls by
        </label>
        <select
          class="nhsuk-select"
          id="workforce-level"
          value={by}
          onChange={(ev) => {
            const next = (ev.target as HTMLSelectElement).value;
            navigate(where.path + (next === "sub-icb" ? "?by=sub-icb" : ""), { replace: true });
          }}
        >
          {WORKFORCE_PAGE_LEVELS.map((l) => (
            <option value={l.by} key={l.by}>
              {l.label}
            </option>
          ))}
        </select>
      </div>
      {trends.loading ? <p>Loading…</p> : null}
      {trends.data ? <TrendsSection trends={trends.data} one={level.one} /> : null}
      {partners.data ? <PartnersSection partners={partners.data} one={level.one} /> : null}
      {risk.data ? <RiskSection risk={risk.data} /> : null}
      {arrs.data ? <ArrsSection arrs={arrs.data} /> : null}
    </>
  );
}

function TrendsSection({ trends, one }: { trends: Trends; one: string }) {
  const periods = trends.periods.map((p) => p.label);
  const pcns = trends.areas;
  const many = one === "PCN" ? "PCNs" : "places";
  return (
    <>
      <h2>GP FTE per 10,000 patients, by {one}</h2>
      <LineChart
        id="workforce-trend-chart"
        title={`GP FTE per 10,000 registered patients, ${periods[0]} to ${periods.at(-1)}: ${trends.total.area.name} and each of its ${pcns.length} ${many}`}
        xLabel="Fiscal year"
        yLabel="GP FTE per 10,000 patients"
        periods={periods}
        lines={[{ series: per10k(trends.total), colour: ICB_LINE }]}
        context={{ series: pcns.map(per10k), label: `Each ${one}` }}
      />
      <SortableTable
        id="workforce-trend-table"
        caption={`GP FTE per 10,000 patients by ${one} and year (the chart's figures)`}
        rows={[trends.total, ...pcns]}
        rowKey={(s) => s.area.code}
        columns={[
          { key: "name", label: "Area", value: (s) => s.area.name },
          ...periods.map((label, i) => ({
            key: `p${i}`,
            label,
            numeric: true,
            value: (s: WorkforceSeries) =>
              s.points.find((p) => p.label === label)?.figures.per10k.gpFte ?? null,
            render: (s: WorkforceSeries) =>
              decimal(s.points.find((p) => p.label === label)?.figures.per10k.gpFte, 2),
          })),
        ]}
      />
      <Caveats caveats={trends.caveats} />
    </>
  );
}

function PartnersSection({ partners, one }: { partners: Partners; one: string }) {
  const many = one === "PCN" ? "PCNs" : "places";
  const Many = one === "PCN" ? "PCNs" : "Places";
  return (
    <>
      <h2>The {many} losing GP partners fastest</h2>
      <p>
        GP partner FTE, {partners.from.label} to {partners.to.label}: the {partners.rows.length} fastest falls
        of {partners.ranked} {many}. {partners.total.area.name} as a whole:{" "}
        {decimal(partners.total.from.partnerFte)} to {decimal(partners.total.to.partnerFte)} (
        {percent(partners.total.fte.fraction, 1)}).
      </p>
      <SortableTable
        id="partners-table"
        caption={`${Many} by fall in GP partner FTE, ${partners.from.label} to ${partners.to.label}`}
        rows={partners.rows}
        rowKey={(r) => r.area.code}
        initial={{ key: "rank", direction: "ascending" }}
        columns={[
          { key: "rank", label: "Rank", numeric: true, value: (r) => r.rank },
          {
            key: "name",
            label: one === "PCN" ? "PCN" : "Place",
            value: (r) => `${r.area.name} (${r.area.code})`,
          },
          {
            key: "from",
            label: `Partner FTE ${partners.from.label}`,
            numeric: true,
            value: (r) => r.from.partnerFte,
            render: (r) => decimal(r.from.partnerFte),
          },
          {
            key: "to",
            label: `Partner FTE ${partners.to.label}`,
            numeric: true,
            value: (r) => r.to.partnerFte,
            render: (r) => decimal(r.to.partnerFte),
          },
          {
            key: "change",
            label: "Change",
            numeric: true,
            value: (r) => r.fte.fraction,
            render: (r) => percent(r.fte.fraction, 1),
          },
          {
            key: "share",
            label: `Partner share ${partners.to.label}`,
            numeric: true,
            value: (r) => r.to.partnerShare,
            render: (r) => percent(r.to.partnerShare),
          },
        ]}
      />
      <Caveats caveats={partners.caveats} />
    </>
  );
}

const COMPONENTS = [
  "partners",
  "partner-change",
  "patients-per-gp",
  "list-growth",
  "deprivation",
  "locum-reliance",
];

function RiskSection({ risk }: { risk: Risk }) {
  const labels = new Map(risk.practices.flatMap((p) => p.components.map((c) => [c.id, c.label] as const)));
  const ids = [...new Set([...COMPONENTS.filter((id) => labels.has(id)), ...labels.keys()])];
  const points = (p: PracticeRisk, id: string) => p.components.find((c) => c.id === id);
  return (
    <>
      <h2>Partnership risk</h2>
      <p>
        The {risk.practices.length} practices most at risk of {risk.ranked}, scored on {risk.period.label}; a
        practice is flagged at {risk.flagPoints} points or more. Each component shows its value and, in
        brackets, its points.
      </p>
      <SortableTable
        id="risk-table"
        caption={`Partnership risk: the ${risk.practices.length} highest scores, with each component`}
        rows={risk.practices}
        rowKey={(p) => p.practice.code}
        initial={{ key: "rank", direction: "ascending" }}
        columns={[
          { key: "rank", label: "Rank", numeric: true, value: (p) => p.rank },
          {
            key: "name",
            label: "Practice",
            value: (p) => p.practice.name,
            render: (p) => <Link href={paths.practice(p.practice.code)}>{p.practice.name}</Link>,
          },
          { key: "pcn", label: "PCN", value: (p) => p.pcn?.name ?? null },
          {
            key: "score",
            label: "Score",
            numeric: true,
            value: (p) => p.score,
            render: (p) => `${p.score} of ${p.maxScore}${p.flagged ? " (flagged)" : ""}`,
          },
          ...ids.map((id) => ({
            key: id,
            label: labels.get(id)!,
            numeric: true,
            value: (p: PracticeRisk) => points(p, id)?.points ?? null,
            render: (p: PracticeRisk) => {
              const c = points(p, id);
              if (!c) return "–";
              const v = c.status === "unknown" || c.value === null ? "unknown" : componentValue(id, c.value);
              return `${v} (${c.points})`;
            },
          })),
        ]}
      />
      <Caveats caveats={risk.caveats} />
    </>
  );
}

function headroomText(p: Pick<ArrsPcn, "headroom" | "headroomNotComputed" | "headroomBound">): string {
  if (p.headroomNotComputed || p.headroom === null) return "not computed";
  const bound =
    p.headroomBound === "lower"
      ? "≥ "
      : p.headroomBound === "upper"
        ? "≤ "
        : p.headroomBound === "approximate"
          ? "≈ "
          : "";
  return `${bound}${pounds(p.headroom)}`;
}

function ArrsSection({ arrs }: { arrs: Arrs }) {
  return (
    <>
      <h2>ARRS entitlement, cost and headroom by PCN</h2>
      <p>
        From the PCN workforce census of {arrs.census.period} ({arrs.censusYear} rules).{" "}
        {whole(arrs.total.arrsFte)} ARRS FTE in all: entitlement {pounds(arrs.total.entitlement)}, cost{" "}
        {pounds(arrs.total.cost)}, headroom {headroomText(arrs.total)}.
      </p>
      <SortableTable
        id="arrs-table"
        caption={`ARRS by PCN, ${arrs.censusYear}`}
        rows={arrs.pcns}
        rowKey={(p) => p.pcn.code}
        initial={{ key: "entitlement", direction: "descending" }}
        columns={[
          { key: "name", label: "PCN", value: (p) => `${p.pcn.name} (${p.pcn.code})` },
          {
            key: "weighted",
            label: "Weighted population",
            numeric: true,
            value: (p) => p.weightedPopulation,
            render: (p) => whole(p.weightedPopulation),
          },
          {
            key: "entitlement",
            label: "Entitlement",
            numeric: true,
            value: (p) => p.entitlement,
            render: (p) => pounds(p.entitlement),
          },
          {
            key: "fte",
            label: "ARRS FTE",
            numeric: true,
            value: (p) => p.arrsFte,
            render: (p) => decimal(p.arrsFte, 2),
          },
          { key: "cost", label: "Cost", numeric: true, value: (p) => p.cost, render: (p) => pounds(p.cost) },
          {
            key: "uncosted",
            label: "FTE not costed",
            numeric: true,
            value: (p) => p.uncostedFte,
            render: (p) => (p.uncostedFte > 1e-9 ? `${decimal(p.uncostedFte, 2)} (not computed)` : "0"),
          },
          {
            key: "headroom",
            label: "Headroom",
            numeric: true,
            value: (p) => (p.headroomNotComputed ? null : p.headroom),
            render: headroomText,
          },
        ]}
      />
      <Caveats caveats={arrs.caveats} />
    </>
  );
}
