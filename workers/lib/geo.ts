/**
 * Great-circle distance between two WGS-84 points in metres (haversine on a sphere of the
 * mean Earth radius). Good to well under 1 % at village scale, which is all a "far from the
 * village" flag needs; browsers report WGS-84 (GCJ-02 offsets of Chinese map apps are a few
 * hundred metres, far below the flag threshold).
 * @example distanceMetres(30.56, 104.27, 30.57, 104.27) // ≈ 1112
 */
export function distanceMetres(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const R = 6_371_008.8;
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)));
}
