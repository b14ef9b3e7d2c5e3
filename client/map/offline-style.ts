/**
 * The default basemap: a dark background and our own boundaries as GeoJSON sources. Nothing is
 * fetched from another origin — no tiles, no glyphs, no sprites (labels are drawn by deck.gl's
 * TextLayer with the font the app ships). An operator can replace it with `?basemap=<style URL>`
 * (their own tile server or PMTiles host); our boundary layers are then added on top.
 */
import type { StyleSpecification, LayerSpecification, GeoJSONSourceSpecification } from 'maplibre-gl'

export const BACKGROUND = '#0b1220'
/** Units of the top level (districts, or the ward-level units of a city without districts). */
export const SOURCE_TOP_UNITS = 'opswall-top-units'
/** Units of every level below the top one. */
export const SOURCE_CHILD_UNITS = 'opswall-child-units'
export const BOUNDARY_LINE_LAYER = 'opswall-top-line'
/** Fills a click can hit: the top units' (visible) and the deeper units' (transparent), for the console's drill-down. */
export const UNIT_FILL_LAYERS = { top: 'opswall-top-fill', child: 'opswall-child-fill' } as const
/** Units holding events located only by their name (WALL-9), one feature per unit and layer (client/map/place-only.ts). */
export const SOURCE_PLACE_ONLY = 'opswall-place-only'
export const PLACE_ONLY_FILL_LAYER = 'opswall-place-only-fill'
export const PLACE_ONLY_LINE_LAYER = 'opswall-place-only-line'

const EMPTY: GeoJSONSourceSpecification = { type: 'geojson', data: { type: 'FeatureCollection', features: [] } }

export function boundarySources(): Record<string, GeoJSONSourceSpecification> {
  return { [SOURCE_TOP_UNITS]: { ...EMPTY }, [SOURCE_CHILD_UNITS]: { ...EMPTY }, [SOURCE_PLACE_ONLY]: { ...EMPTY } }
}

export function boundaryLayers(): LayerSpecification[] {
  return [
    {
      id: UNIT_FILL_LAYERS.top,
      type: 'fill',
      source: SOURCE_TOP_UNITS,
      paint: { 'fill-color': '#131d33', 'fill-opacity': 0.9 },
    },
    // Invisible, but maplibre still hit-tests it: a click names the ward under the pointer.
    {
      id: UNIT_FILL_LAYERS.child,
      type: 'fill',
      source: SOURCE_CHILD_UNITS,
      paint: { 'fill-color': '#000000', 'fill-opacity': 0 },
    },
    {
      id: 'opswall-child-line',
      type: 'line',
      source: SOURCE_CHILD_UNITS,
      minzoom: 11,
      paint: { 'line-color': '#3b4a6b', 'line-width': ['interpolate', ['linear'], ['zoom'], 11, 0.4, 15, 1.2], 'line-opacity': 0.8 },
    },
    // Place-only fills lie on the land and under every hexagon and name (deck.gl draws over this
    // canvas); dashed, so an area located by name never reads as the solid density of hexagons.
    {
      id: PLACE_ONLY_FILL_LAYER,
      type: 'fill',
      source: SOURCE_PLACE_ONLY,
      paint: { 'fill-color': ['get', 'colour'], 'fill-opacity': ['get', 'fillOpacity'] },
    },
    {
      id: PLACE_ONLY_LINE_LAYER,
      type: 'line',
      source: SOURCE_PLACE_ONLY,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': ['get', 'colour'], 'line-width': ['get', 'lineWidth'], 'line-opacity': 0.95, 'line-dasharray': [2, 1.5] },
    },
    {
      id: BOUNDARY_LINE_LAYER,
      type: 'line',
      source: SOURCE_TOP_UNITS,
      paint: { 'line-color': '#7c8db5', 'line-width': ['interpolate', ['linear'], ['zoom'], 9, 0.8, 14, 2.2], 'line-opacity': 0.9 },
    },
  ]
}

export function offlineStyle(): StyleSpecification {
  return {
    version: 8,
    name: 'opswall-offline',
    sources: boundarySources(),
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': BACKGROUND } }, ...boundaryLayers()],
  }
}

/**
 * A basemap URL from the page's query string, accepted only as http(s) or a same-origin path;
 * anything else falls back to the offline style.
 */
export function basemapUrl(raw: string | null, origin: string): string | null {
  if (!raw) return null
  try {
    const url = new URL(raw, origin)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null
  } catch {
    return null
  }
}
