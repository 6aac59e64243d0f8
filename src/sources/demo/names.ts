// Word lists for synthetic practice and PCN names and addresses. The names are invented; any likeness to a
// real surgery is chance (the practice codes, Z9…, and the ICB name mark every row as synthetic).
import type { Rng } from "./rng.ts";

const STREETS = [
  "CANAL STREET",
  "STATION ROAD",
  "HIGH STREET",
  "CHURCH LANE",
  "MILL LANE",
  "PARK ROAD",
  "VICTORIA ROAD",
  "QUEENS ROAD",
  "ALBERT ROAD",
  "KING STREET",
  "MARKET STREET",
  "BRIDGE STREET",
  "CASTLE STREET",
  "ORCHARD WAY",
  "FOUNDRY LANE",
  "FURNACE ROAD",
  "KILN LANE",
  "COLLIERY ROAD",
  "PINFOLD LANE",
  "TOLLGATE ROAD",
  "WHARF STREET",
  "CROSS STREET",
  "NEW STREET",
  "GREEN LANE",
  "SCHOOL LANE",
  "CHAPEL STREET",
  "UNION STREET",
  "WATERLOO ROAD",
  "MEADOW LANE",
  "HILL STREET",
];

const FEATURES = [
  "OAKWOOD",
  "WILLOWS",
  "BIRCHFIELD",
  "ASHFIELD",
  "MEADOWS",
  "RIVERSIDE",
  "HILLTOP",
  "BROOKSIDE",
  "ABBEY",
  "PRIORY",
  "GRANGE",
  "HOLLY BANK",
  "BEECHES",
  "CEDARS",
  "LIMES",
  "LAUREL",
  "HAWTHORN",
  "LOCKSIDE",
  "FERNHILL",
  "MOORSIDE",
  "HEATHFIELD",
  "GREENWAY",
  "WESTGATE",
  "EASTGATE",
  "NORTHGATE",
  "SOUTHGATE",
  "ELMWOOD",
  "ROSEHILL",
  "KINGSWAY",
  "STONEBRIDGE",
  "LARKFIELD",
  "THE FIRS",
  "BRACKEN",
  "SPRINGFIELD",
  "FAIRVIEW",
  "LINDEN",
  "OLD MILL",
  "FOXHILL",
  "CHERRY TREE",
  "MAPLEWOOD",
];

const KINDS = [
  "SURGERY",
  "MEDICAL CENTRE",
  "MEDICAL PRACTICE",
  "HEALTH CENTRE",
  "FAMILY PRACTICE",
  "SURGERY",
];

/** Hands out practice names without repeats. */
export class NameBank {
  private readonly used = new Set<string>();

  constructor(private readonly rng: Rng) {}

  practice(settlement: string): string {
    for (let attempt = 0; attempt < 50; attempt++) {
      const kind = this.rng.pick(KINDS);
      const r = this.rng.next();
      const name =
        r < 0.4
          ? `${this.rng.pick(STREETS)} ${kind}`
          : r < 0.85
            ? `${this.rng.pick(FEATURES)} ${kind}`
            : r < 0.95
              ? `${settlement.toUpperCase()} ${kind}`
              : `THE ${this.rng.pick(FEATURES)} PRACTICE`;
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
    const fallback = `${settlement.toUpperCase()} MEDICAL PRACTICE ${this.used.size + 1}`;
    this.used.add(fallback);
    return fallback;
  }

  street(): string {
    return this.rng.pick(STREETS);
  }
}
