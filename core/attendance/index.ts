// Attendance: the geofence of §1.1 and the month of §1.2, §2.4, §2.5.
export * from './geofence';
export * from './monthly-presence';
export * from './leave';
