// Geometry shapes shared by the store (boundaries it holds) and the engines (maps they draw): GeoJSON
// polygon coordinates in lon/lat, and an LSOA with its centroid and polygon.
export type Position = [number, number];
export type Ring = Position[];
/** GeoJSON Polygon or MultiPolygon coordinates. */
export type PolygonCoordinates = Ring[];
export type MultiPolygonCoordinates = Ring[][];

export interface PolygonalGeometry {
  type: "Polygon" | "MultiPolygon";
  coordinates: PolygonCoordinates | MultiPolygonCoordinates;
}

export interface LsoaArea {
  code: string;
  lat: number;
  lon: number;
  geometry: PolygonalGeometry;
}
