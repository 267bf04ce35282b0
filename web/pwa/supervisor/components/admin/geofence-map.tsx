// A small map of a village's geofence (§1.1) drawn in SVG, with no tiles from the internet: the
// centre, the circle to scale, a scale bar, north, and the neighbouring villages as points with
// their own circles. A click moves the centre; the number inputs beside it do the same for keyboards.
import { distanceMetres } from '../../../../../core/attendance/geofence';
import { defineTexts, useTexts } from '../../../shared/i18n';

export interface MapVillage {
  id: number;
  name: string;
  latitude: number;
  longitude: number;
  radiusMetres: number;
}

const texts = defineTexts(
  {
    label: '{name}的电子围栏示意图：半径 {radius}，比例尺 {scale}。{nearest}',
    nearest: '最近的村：{name}，距中心 {distance}。',
    north: '北',
    metres: '{n} 米',
    km: '{n} 公里',
    invalid: '输入有效的经纬度和半径后显示示意图。',
    hint: '点击图上位置可把中心移到那里；不依赖在线地图。',
  },
  {
    label: 'Geofence of {name}: radius {radius}, scale bar {scale}. {nearest}',
    nearest: 'Nearest village: {name}, {distance} from the centre.',
    north: 'N',
    metres: '{n} m',
    km: '{n} km',
    invalid: 'Enter a valid latitude, longitude and radius to see the map.',
    hint: 'Click the map to move the centre there; no online map is used.',
  },
);

const SIZE = 320;
const HALF = SIZE / 2;
const METRES_PER_DEGREE_LAT = 110_574;

/** 1, 2 or 5 times a power of ten, the largest not above `limit`. */
function niceLength(limit: number): number {
  const power = 10 ** Math.floor(Math.log10(limit));
  return [5, 2, 1].map((m) => m * power).find((n) => n <= limit) ?? power;
}

export function GeofenceMap(props: {
  name: string;
  latitude: number;
  longitude: number;
  radiusMetres: number;
  neighbours: MapVillage[];
  onPick?(latitude: number, longitude: number): void;
}) {
  const t = useTexts(texts);
  const { latitude, longitude, radiusMetres } = props;
  const valid =
    Number.isFinite(latitude) &&
    Number.isFinite(longitude) &&
    Number.isFinite(radiusMetres) &&
    Math.abs(latitude) <= 85 &&
    Math.abs(longitude) <= 180 &&
    radiusMetres > 0;
  if (!valid) return <p class="muted geo-map-empty">{t('invalid')}</p>;

  const centre = { latitude, longitude };
  const metresPerDegreeLng = 111_320 * Math.cos((latitude * Math.PI) / 180);
  const others = props.neighbours
    .map((v) => ({ ...v, distance: distanceMetres(centre, v) }))
    .sort((a, b) => a.distance - b.distance);
  const nearest = others[0];
  // The view: the circle with room around it, and the nearest neighbour when it is not far off.
  const extent = Math.min(
    Math.max(radiusMetres * 1.35, nearest ? nearest.distance * 1.15 : 0),
    radiusMetres * 5,
  );
  const scale = HALF / extent;
  const toXY = (lat: number, lng: number) => ({
    x: HALF + (lng - longitude) * metresPerDegreeLng * scale,
    y: HALF - (lat - latitude) * METRES_PER_DEGREE_LAT * scale,
  });
  const bar = niceLength(extent * 0.8);
  const length = (m: number) =>
    m >= 1000 ? t('km', { n: Math.round(m / 100) / 10 }) : t('metres', { n: Math.round(m) });

  const pick = (event: MouseEvent) => {
    if (!props.onPick) return;
    const box = (event.currentTarget as SVGSVGElement).getBoundingClientRect();
    const x = ((event.clientX - box.left) / box.width) * SIZE;
    const y = ((event.clientY - box.top) / box.height) * SIZE;
    const lat = latitude - (y - HALF) / scale / METRES_PER_DEGREE_LAT;
    const lng = longitude + (x - HALF) / scale / metresPerDegreeLng;
    props.onPick(Math.round(lat * 1e6) / 1e6, Math.round(lng * 1e6) / 1e6);
  };

  const inView = others.filter((v) => {
    const p = toXY(v.latitude, v.longitude);
    return p.x > -40 && p.x < SIZE + 40 && p.y > -40 && p.y < SIZE + 40;
  });

  return (
    <figure class="geo-map">
      <svg
        viewBox={`0 0 ${SIZE} ${SIZE}`}
        role="img"
        aria-label={t('label', {
          name: props.name,
          radius: length(radiusMetres),
          scale: length(bar),
          nearest: nearest
            ? t('nearest', { name: nearest.name, distance: length(nearest.distance) })
            : '',
        })}
        onClick={pick}
      >
        <defs>
          <clipPath id="geo-map-clip">
            <rect width={SIZE} height={SIZE} />
          </clipPath>
        </defs>
        <rect width={SIZE} height={SIZE} fill="#f4f1ec" />
        <g clip-path="url(#geo-map-clip)">
          {[-2, -1, 1, 2].map((i) => (
            <g key={i} stroke="#e0dbd2" stroke-width="1">
              <line x1={HALF + (i * SIZE) / 5} x2={HALF + (i * SIZE) / 5} y1="0" y2={SIZE} />
              <line y1={HALF + (i * SIZE) / 5} y2={HALF + (i * SIZE) / 5} x1="0" x2={SIZE} />
            </g>
          ))}
          {inView.map((v) => {
            const p = toXY(v.latitude, v.longitude);
            return (
              <g key={v.id}>
                <circle
                  cx={p.x}
                  cy={p.y}
                  r={v.radiusMetres * scale}
                  fill="none"
                  stroke="#8a8378"
                  stroke-width="1"
                  stroke-dasharray="2 3"
                />
                <circle cx={p.x} cy={p.y} r="4" fill="#4a4a4a" />
                <text
                  x={p.x > SIZE - 80 ? p.x - 7 : p.x + 7}
                  y={p.y + 4}
                  text-anchor={p.x > SIZE - 80 ? 'end' : 'start'}
                  class="geo-map-label"
                >
                  {v.name}
                </text>
              </g>
            );
          })}
          <circle
            cx={HALF}
            cy={HALF}
            r={radiusMetres * scale}
            fill="rgba(179, 38, 30, 0.12)"
            stroke="#b3261e"
            stroke-width="2.5"
          />
          <path
            d={`M${HALF - 9} ${HALF}h18M${HALF} ${HALF - 9}v18`}
            stroke="#8c1d18"
            stroke-width="3"
          />
          <text x={HALF + 8} y={HALF - 8} class="geo-map-label strong">
            {props.name}
          </text>
        </g>
        <g class="geo-map-north" transform={`translate(${SIZE - 24} 14)`}>
          <path d="M0 18 L6 0 L12 18 L6 13 Z" fill="#1a1a1a" />
          <text x="6" y="32" text-anchor="middle" class="geo-map-label">
            {t('north')}
          </text>
        </g>
        <g transform={`translate(12 ${SIZE - 18})`}>
          <rect x="-4" y="-18" width={bar * scale + 8} height="26" fill="rgba(255,255,255,0.85)" />
          <path d={`M0 -6v8h${bar * scale}v-8`} fill="none" stroke="#1a1a1a" stroke-width="2.5" />
          <text x="2" y="-8" class="geo-map-label">
            {length(bar)}
          </text>
        </g>
        <rect width={SIZE - 1} height={SIZE - 1} x="0.5" y="0.5" fill="none" stroke="#4a4a4a" />
      </svg>
      {props.onPick && <figcaption class="muted">{t('hint')}</figcaption>}
    </figure>
  );
}
