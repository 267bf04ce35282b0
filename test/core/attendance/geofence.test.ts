import { describe, expect, it } from 'vitest';
import { checkGeofence, distanceMetres } from '../../../core/attendance/geofence';
import { defaultParameters } from '../../../core/parameters';

// A village centre in Guizhou (near Leishan), and points around it.
const centre = { latitude: 26.3786, longitude: 108.0772 };
// One degree of latitude is about 111.2 km on the mean sphere.
const north = (metres: number) => ({
  latitude: centre.latitude + metres / 111_195,
  longitude: centre.longitude,
});

describe('§1.1 geofence', () => {
  it('measures the great-circle distance: Guiyang to Beijing is about 1,730 km', () => {
    const guiyang = { latitude: 26.647, longitude: 106.63 };
    const beijing = { latitude: 39.9042, longitude: 116.4074 };
    const d = distanceMetres(guiyang, beijing);
    expect(d).toBeGreaterThan(1_720_000);
    expect(d).toBeLessThan(1_740_000);
  });

  it('a check-in 999 m from the centre is inside the default 1000 m fence; 1001 m is outside', () => {
    const fence = { centre };
    const near = checkGeofence(fence, north(999), defaultParameters);
    const far = checkGeofence(fence, north(1001), defaultParameters);
    expect(near).toMatchObject({ ok: true, inside: true });
    expect(far).toMatchObject({ ok: true, inside: false });
  });

  it('a point exactly on the radius counts as inside (distance ≤ radius)', () => {
    const location = north(500);
    const radius = distanceMetres(centre, location);
    expect(checkGeofence({ centre, radiusMetres: 500 }, location, defaultParameters)).toMatchObject(
      {
        ok: true,
        inside: radius <= 500,
      },
    );
    expect(
      checkGeofence({ centre, radiusMetres: radius }, location, defaultParameters),
    ).toMatchObject({ ok: true, inside: true });
  });

  it("a village's own radius overrides the county's geofenceMetres", () => {
    const r = checkGeofence({ centre, radiusMetres: 3000 }, north(2500), defaultParameters);
    expect(r).toMatchObject({ ok: true, inside: true });
    const county = checkGeofence({ centre }, north(2500), { geofenceMetres: 3000 });
    expect(county).toMatchObject({ ok: true, inside: true });
  });

  it('refuses absurd coordinates and radii as values, never throws', () => {
    expect(checkGeofence({ centre }, { latitude: 91, longitude: 0 }, defaultParameters)).toEqual({
      ok: false,
      reason: 'invalid-coordinates',
      field: 'location.latitude',
      value: 91,
    });
    expect(
      checkGeofence({ centre }, { latitude: NaN, longitude: 0 }, defaultParameters),
    ).toMatchObject({
      ok: false,
      reason: 'invalid-coordinates',
    });
    expect(
      checkGeofence({ centre: { latitude: 0, longitude: 181 } }, centre, defaultParameters),
    ).toMatchObject({ ok: false, field: 'centre.longitude' });
    expect(checkGeofence({ centre, radiusMetres: -5 }, centre, defaultParameters)).toMatchObject({
      ok: false,
      reason: 'invalid-radius',
    });
    expect(
      checkGeofence({ centre, radiusMetres: Infinity }, centre, defaultParameters),
    ).toMatchObject({ ok: false, reason: 'invalid-radius' });
  });

  it('crossing the antimeridian measures the short way round', () => {
    const d = distanceMetres(
      { latitude: 0, longitude: 179.999 },
      { latitude: 0, longitude: -179.999 },
    );
    expect(d).toBeLessThan(300);
  });
});
