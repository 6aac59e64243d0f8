// The engagement summary: who was involved, by staff group and by setting (primary, community, other),
// through which kinds of engagement, and which sections engagement shaped ("you said, we did"). Pure.
import { STAFF_GROUPS, type EngagementRecord, type SectionId, type StaffGroup } from "../../model/plan.ts";

export interface EngagementSummary {
  records: number;
  attendees: number;
  byStaffGroup: { group: StaffGroup; label: string; setting: string; attendees: number; records: number }[];
  bySetting: { primary: number; community: number; other: number };
  /** Records that say they involved each setting. */
  recordsBySetting: { primary: number; community: number };
  byKind: Record<string, number>;
  organisations: string[];
  shaped: { section: SectionId; changes: { date: string; forum: string; weDid: string }[] }[];
}

export function summariseEngagement(records: readonly EngagementRecord[]): EngagementSummary {
  const groups = new Map<StaffGroup, { attendees: number; records: number }>();
  const bySetting = { primary: 0, community: 0, other: 0 };
  const byKind: Record<string, number> = {};
  const orgs = new Set<string>();
  const shaped = new Map<SectionId, { date: string; forum: string; weDid: string }[]>();
  let attendees = 0;
  for (const r of records) {
    byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
    for (const o of r.organisations) orgs.add(o);
    for (const [g, n] of Object.entries(r.attendees) as [StaffGroup, number][]) {
      const entry = groups.get(g) ?? { attendees: 0, records: 0 };
      entry.attendees += n;
      entry.records += 1;
      groups.set(g, entry);
      bySetting[STAFF_GROUPS[g].setting] += n;
      attendees += n;
    }
    for (const c of r.changes) {
      const list = shaped.get(c.section) ?? [];
      list.push({ date: r.date, forum: r.forum, weDid: c.weDid });
      shaped.set(c.section, list);
    }
  }
  return {
    records: records.length,
    attendees,
    byStaffGroup: [...groups.entries()]
      .map(([group, v]) => ({
        group,
        label: STAFF_GROUPS[group].label,
        setting: STAFF_GROUPS[group].setting,
        ...v,
      }))
      .sort((a, b) => b.attendees - a.attendees || a.group.localeCompare(b.group)),
    bySetting,
    recordsBySetting: {
      primary: records.filter((r) => r.settings.includes("primary")).length,
      community: records.filter((r) => r.settings.includes("community")).length,
    },
    byKind,
    organisations: [...orgs].sort(),
    shaped: [...shaped.entries()].map(([section, changes]) => ({ section, changes })),
  };
}
