// Unit conversions shared by the travel models.

/** Metres covered per minute at `speedKmh`. */
export function metresPerMinute(speedKmh: number): number {
  return (speedKmh * 1000) / 60;
}
