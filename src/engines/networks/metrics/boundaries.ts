// Place (sub-ICB location) boundaries crossed: a network whose practices are in more than one place. The
// network's home place is the one holding most of its patients; the breach names the practices outside it.
import { count, type Breach, type MetricContext } from "./context.ts";

export interface NetworkPlaces {
  /** Places of the network's practices, most patients first. */
  places: { code: string; practices: number; patients: number }[];
  crossesPlace: boolean;
}

export function boundariesMetric(ctx: MetricContext): { networks: NetworkPlaces[]; breaches: Breach[] } {
  const { instance } = ctx;
  const breaches: Breach[] = [];
  const networks = ctx.members.map((members, i) => {
    const by = new Map<number, { practices: number; patients: number }>();
    for (const p of members) {
      const pl = instance.place[p]!;
      const v = by.get(pl) ?? { practices: 0, patients: 0 };
      v.practices++;
      v.patients += instance.listSize[p]!;
      by.set(pl, v);
    }
    const places = [...by]
      .sort((a, b) => b[1].patients - a[1].patients || b[1].practices - a[1].practices || a[0] - b[0])
      .map(([pl, v]) => ({ code: instance.placeCodes[pl]!, ...v, index: pl }));
    const crossesPlace = places.length > 1;
    if (crossesPlace) {
      const label = ctx.labels[i]!;
      const home = places[0]!.index;
      breaches.push({
        rule: "boundary.crosses-place",
        network: label.code,
        practices: members.filter((p) => instance.place[p] !== home).map((p) => instance.practiceCodes[p]!),
        figure: places.length,
        message:
          `${label.code} ${label.name} spans ${places.length} places: ` +
          places
            .map(
              (pl) =>
                `${pl.code} (${pl.practices} practice${pl.practices === 1 ? "" : "s"}, ${count(pl.patients)} patients)`,
            )
            .join(", "),
      });
    }
    return {
      places: places.map(({ code, practices, patients }) => ({ code, practices, patients })),
      crossesPlace,
    };
  });
  return { networks, breaches };
}
