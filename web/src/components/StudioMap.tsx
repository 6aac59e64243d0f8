// The studio's editable map (MapLibre GL, no base map): the configuration's networks by size band and its
// practices; click a practice to select it (Shift or Ctrl adds to the selection), Shift-drag (or "Select by
// box" then drag) to brush a box of practices. The map is made once and its data replaced as the
// configuration changes, so a move redraws without rebuilding it. The practice table on the page is the
// keyboard alternative to every pointer action here.
import { useEffect, useRef, useState } from "preact/hooks";
import { BAND_COLOURS, BANDS, OUTSIDE_COLOUR, bandLabel, type BandRule } from "../bands.ts";
import { boundsOf, HIGHLIGHT_COLOUR, PRACTICE_COLOUR, type FeatureCollection } from "../map-style.ts";
import { loadMapLibrary } from "../preload.ts";
import { LOCKED_RING, MOVED_COLOUR, studioStyle } from "../studio/map-data.ts";
import { Legend } from "./Legend.tsx";

type MapLike = import("maplibre-gl").Map;

export function StudioMap({
  data,
  label,
  rule,
  brushMode,
  onPick,
  onBrush,
}: {
  data: FeatureCollection;
  label: string;
  rule: BandRule;
  /** Drag without Shift brushes a box. */
  brushMode: boolean;
  onPick: (practice: number, additive: boolean) => void;
  onBrush: (practices: number[], additive: boolean) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<MapLike | undefined>(undefined);
  const latest = useRef({ data, onPick, onBrush, brushMode });
  latest.current = { data, onPick, onBrush, brushMode };
  const [drawn, setDrawn] = useState(false);
  const [failed, setFailed] = useState<string | undefined>();

  useEffect(() => {
    let live = true;
    loadMapLibrary()
      .then((maplibre) => {
        if (!live || !container.current) return;
        const first = latest.current.data;
        const bounds = boundsOf(first);
        const m = new maplibre.Map({
          container: container.current,
          style: studioStyle(first) as never,
          ...(bounds ? { bounds, fitBoundsOptions: { padding: 24 } } : { center: [-1.5, 53], zoom: 6 }),
          attributionControl: false,
          boxZoom: false,
          canvasContextAttributes: { preserveDrawingBuffer: true },
        });
        map.current = m;
        m.addControl(new maplibre.NavigationControl({ showCompass: false }), "top-right");
        m.getCanvas().setAttribute("aria-label", label);
        const practiceAt = (e: { features?: { properties: Record<string, unknown> }[] }) => {
          const p = e.features?.[0]?.properties.practice_index;
          return typeof p === "number" ? p : undefined;
        };
        m.on("click", "practices", (e) => {
          const p = practiceAt(e as never);
          const ev = e.originalEvent;
          if (p !== undefined) latest.current.onPick(p, ev.shiftKey || ev.ctrlKey || ev.metaKey);
        });
        m.on("mouseenter", "practices", () => (m.getCanvas().style.cursor = "pointer"));
        m.on("mouseleave", "practices", () => (m.getCanvas().style.cursor = ""));

        // Brushing: a box drawn from mousedown to mouseup over the canvas.
        const canvas = m.getCanvasContainer();
        let start: { x: number; y: number } | undefined;
        let additive = false;
        const point = (e: MouseEvent) => {
          const r = canvas.getBoundingClientRect();
          return { x: e.clientX - r.left, y: e.clientY - r.top };
        };
        const onMove = (e: MouseEvent) => {
          if (!start || !box.current) return;
          const p = point(e);
          Object.assign(box.current.style, {
            display: "block",
            left: `${Math.min(start.x, p.x)}px`,
            top: `${Math.min(start.y, p.y)}px`,
            width: `${Math.abs(p.x - start.x)}px`,
            height: `${Math.abs(p.y - start.y)}px`,
          });
        };
        const onUp = (e: MouseEvent) => {
          document.removeEventListener("mousemove", onMove);
          document.removeEventListener("mouseup", onUp);
          m.dragPan.enable();
          if (box.current) box.current.style.display = "none";
          if (!start) return;
          const end = point(e);
          const from = start;
          start = undefined;
          if (Math.abs(end.x - from.x) < 3 && Math.abs(end.y - from.y) < 3) return;
          const features = m.queryRenderedFeatures(
            [
              [Math.min(from.x, end.x), Math.min(from.y, end.y)],
              [Math.max(from.x, end.x), Math.max(from.y, end.y)],
            ],
            { layers: ["practices"] },
          );
          const picked = [
            ...new Set(
              features
                .map((f) => f.properties.practice_index as unknown)
                .filter((p): p is number => typeof p === "number"),
            ),
          ];
          latest.current.onBrush(picked, additive);
        };
        canvas.addEventListener("mousedown", (e: MouseEvent) => {
          if (e.button !== 0 || !(e.shiftKey || latest.current.brushMode)) return;
          e.preventDefault();
          e.stopPropagation();
          m.dragPan.disable();
          start = point(e);
          additive = e.ctrlKey || e.metaKey || (e.shiftKey && latest.current.brushMode);
          document.addEventListener("mousemove", onMove);
          document.addEventListener("mouseup", onUp);
        });
        m.once("idle", () => {
          if (!live) return;
          performance.mark("icsplan:studio-map-drawn");
          setDrawn(true);
        });
      })
      .catch((e: unknown) => live && setFailed(String(e)));
    return () => {
      live = false;
      map.current?.remove();
      map.current = undefined;
    };
  }, []);

  useEffect(() => {
    const m = map.current;
    const source = m?.getSource("studio") as { setData?: (d: unknown) => void } | undefined;
    source?.setData?.(data);
  }, [data]);

  return (
    <div class="icsplan-map-block">
      <div style={{ position: "relative" }}>
        <div
          ref={container}
          class="icsplan-map"
          style={brushMode ? { cursor: "crosshair" } : undefined}
          role="region"
          aria-label={label}
          data-drawn={drawn ? "true" : "false"}
        />
        <div
          ref={box}
          aria-hidden="true"
          style={{
            display: "none",
            position: "absolute",
            pointerEvents: "none",
            border: "2px dashed #005eb8",
            background: "rgba(0, 94, 184, 0.1)",
          }}
        />
      </div>
      {failed ? <p class="nhsuk-body-s">The map could not be drawn: {failed}</p> : null}
      <Legend
        title="Networks by list size; points are practices"
        entries={[
          ...BANDS.map((b) => ({ colour: BAND_COLOURS[b], label: bandLabel(b, rule) })),
          { colour: OUTSIDE_COLOUR, label: "Practices outside any PCN" },
          { colour: PRACTICE_COLOUR, label: "Practice site", shape: "circle" as const },
          { colour: MOVED_COLOUR, label: "Moved from today's network", shape: "circle" as const },
          { colour: HIGHLIGHT_COLOUR, label: "Selected", shape: "circle" as const },
          { colour: LOCKED_RING, label: "Locked (thick black ring)", shape: "circle" as const },
        ]}
      />
      <p class="nhsuk-body-s">
        Networks are drawn as the convex hull of their practice sites widened by 500 m. Click a practice to
        select it (Shift or Ctrl adds it to the selection); hold Shift and drag to select a box of practices.
      </p>
    </div>
  );
}
