// Whether a check-in's location lies inside the village's geofence: great-circle distance to the
// village centre against its radius. §1.1.
import { parameterSpecs, type Parameters } from '../parameters';

export interface GeoPoint {
  /** Degrees north, −90…90 (WGS 84, as Telegram sends it). */
  latitude: number;
  /** Degrees east, −180…180. */
  longitude: number;
}

/** A village's geofence: its centre and, when the village has its own, a radius in metres. */
export interface Geofence {
  centre: GeoPoint;
  radiusMetres?: number;
}

export type GeofenceError = {
  ok: false;
  reason: 'invalid-coordinates' | 'invalid-radius';
  field: string;
  value: unknown;
};

export type GeofenceResult = { ok: true; inside: boolean; distanceMetres: number } | GeofenceError;

/** Mean Earth radius (IUGG R1), in metres. */
const EARTH_RADIUS_METRES = 6_371_008.8;
const RADIANS = Math.PI / 180;

/**
 * Great-circle distance in metres (haversine), for points already known to be valid. Accurate to
 * about 0.5 % against the ellipsoid, far below a geofence's radius and a phone's GPS error.
 */
export function distanceMetres(a: GeoPoint, b: GeoPoint): number {
  const dLat = (b.latitude - a.latitude) * RADIANS;
  const dLon = (b.longitude - a.longitude) * RADIANS;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * RADIANS) * Math.cos(b.latitude * RADIANS) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A refusal for a point that cannot be a place on Earth (NaN, ±Infinity, out of range). */
export function checkPoint(point: GeoPoint, field: string): GeofenceError | null {
  const { latitude, longitude } = point;
  if (typeof latitude !== 'number' || !Number.isFinite(latitude) || Math.abs(latitude) > 90) {
    return {
      ok: false,
      reason: 'invalid-coordinates',
      field: `${field}.latitude`,
      value: latitude,
    };
  }
  if (typeof longitude !== 'number' || !Number.isFinite(longitude) || Math.abs(longitude) > 180) {
    return {
      ok: false,
      reason: 'invalid-coordinates',
      field: `${field}.longitude`,
      value: longitude,
    };
  }
  return null;
}

// 真蹲实驻、吃住在村、工作在村 — §1.1
// [decision: a check-in is inside when its distance to the village centre is ≤ the village's radius,
//  by default geofenceMetres = 1000; a village's own radius must respect that parameter's bounds —
//  clauses.md §1.1]
export function checkGeofence(
  fence: Geofence,
  location: GeoPoint,
  parameters: Pick<Parameters, 'geofenceMetres'>,
): GeofenceResult {
  const bad = checkPoint(fence.centre, 'centre') ?? checkPoint(location, 'location');
  if (bad) return bad;
  const radius = fence.radiusMetres ?? parameters.geofenceMetres;
  const { min, max } = parameterSpecs.geofenceMetres;
  if (typeof radius !== 'number' || !Number.isFinite(radius) || radius < min || radius > max) {
    return { ok: false, reason: 'invalid-radius', field: 'radiusMetres', value: radius };
  }
  const distance = distanceMetres(fence.centre, location);
  return { ok: true, inside: distance <= radius, distanceMetres: distance };
}
