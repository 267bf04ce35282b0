// The demo's places and units: 雷山县 in 黔东南苗族侗族自治州, Guizhou, with three townships and
// twelve of their villages. Centres are approximate (within about 1–2 km of the real village),
// good enough for a demo geofence; they are not survey data.

export interface DemoVillage {
  name: string;
  latitude: number;
  longitude: number;
  geofenceMetres: number;
}

export interface DemoTownship {
  name: string;
  code: string;
  villages: DemoVillage[];
}

export const province = { name: '贵州省', code: '520000' };
export const prefecture = { name: '黔东南苗族侗族自治州', code: '522600' };
export const county = { name: '雷山县', code: '522634' };

export const townships: DemoTownship[] = [
  {
    name: '西江镇',
    code: '522634101',
    villages: [
      { name: '羊排村', latitude: 26.4985, longitude: 108.177, geofenceMetres: 1000 },
      { name: '东引村', latitude: 26.496, longitude: 108.1805, geofenceMetres: 1000 },
      { name: '控拜村', latitude: 26.476, longitude: 108.154, geofenceMetres: 1200 },
      { name: '麻料村', latitude: 26.467, longitude: 108.14, geofenceMetres: 1200 },
    ],
  },
  {
    name: '丹江镇',
    code: '522634100',
    villages: [
      { name: '乌东村', latitude: 26.402, longitude: 108.165, geofenceMetres: 1500 },
      { name: '白岩村', latitude: 26.365, longitude: 108.055, geofenceMetres: 1000 },
      { name: '脚尧村', latitude: 26.33, longitude: 108.06, geofenceMetres: 1500 },
      { name: '陶尧村', latitude: 26.39, longitude: 108.095, geofenceMetres: 1000 },
    ],
  },
  {
    name: '郎德镇',
    code: '522634102',
    villages: [
      { name: '上郎德村', latitude: 26.443, longitude: 108.048, geofenceMetres: 1000 },
      { name: '南猛村', latitude: 26.49, longitude: 108.012, geofenceMetres: 1200 },
      { name: '也改村', latitude: 26.47, longitude: 108.025, geofenceMetres: 1000 },
      { name: '望丰村', latitude: 26.455, longitude: 108.075, geofenceMetres: 1200 },
    ],
  },
];

/** Where the county seat is: check-ins from here are outside every village's geofence. */
export const countySeat = { latitude: 26.3786, longitude: 108.0781 };

export const dispatchingUnits = [
  { name: '贵州省农业农村厅', level: 'province' },
  { name: '贵州省自然资源厅', level: 'province' },
  { name: '黔东南州人民医院', level: 'city' },
  { name: '黔东南州交通运输局', level: 'city' },
  { name: '雷山县财政局', level: 'county' },
  { name: '雷山县教育局', level: 'county' },
  { name: '雷山县农业农村局', level: 'county' },
  { name: '雷山县林业局', level: 'county' },
  { name: '西江镇人民政府', level: 'township' },
  { name: '丹江镇人民政府', level: 'township' },
  { name: '郎德镇人民政府', level: 'township' },
] as const;

export const surnames = [
  '王',
  '李',
  '张',
  '杨',
  '吴',
  '龙',
  '潘',
  '石',
  '陈',
  '刘',
  '欧',
  '文',
  '唐',
  '余',
];
export const givenNames = [
  '建国',
  '海燕',
  '志强',
  '丽娟',
  '光明',
  '晓东',
  '春梅',
  '德才',
  '秀英',
  '明辉',
  '红霞',
  '国庆',
  '小芳',
  '文斌',
  '金花',
  '永福',
  '婷',
  '磊',
  '静',
  '勇',
  '倩',
  '涛',
  '敏',
  '军',
];
export const titles = ['科员', '副主任科员', '一级科员', '主治医师', '副科长', '干事', '技术员'];
