// src/io/geotiff.ts (the engine's DEM loader).
import { describe, expect, it } from 'vitest';
import { writeArrayBuffer } from 'geotiff';
import { readGeoTiff } from '../../src/io/geotiff.ts';
import { sampleElevation } from '../../src/core/travel/slope.ts';

describe('GeoTIFF elevation', () => {
  it('reads a north-up EPSG:4326 grid with its origin, cell size and values', async () => {
    const values = Float32Array.from([100, 110, 120, 130, 140, 150]);
    const buf = writeArrayBuffer(values, {
      width: 3,
      height: 2,
      ModelPixelScale: [0.01, 0.02, 0],
      ModelTiepoint: [0, 0, 0, 103, 24, 0],
      SampleFormat: [3],
      BitsPerSample: [32],
      GeographicTypeGeoKey: 4326,
      GTModelTypeGeoKey: 2,
    });
    const grid = await readGeoTiff(new Uint8Array(buf));
    expect([grid.width, grid.height, grid.west, grid.north]).toEqual([3, 2, 103, 24]);
    expect(grid.dx).toBeCloseTo(0.01, 12);
    expect(grid.dy).toBeCloseTo(0.02, 12);
    expect(Array.from(grid.values)).toEqual([100, 110, 120, 130, 140, 150]);
    // Centre of the middle top cell, and halfway between the two rows below it.
    expect(sampleElevation(grid, 103.015, 23.99)).toBeCloseTo(110, 6);
    expect(sampleElevation(grid, 103.015, 23.98)).toBeCloseTo(125, 6);
  });

  it('fails clearly on bytes that are not a GeoTIFF', async () => {
    await expect(readGeoTiff(new Uint8Array([1, 2, 3, 4]))).rejects.toThrow(/the DEM is not a readable GeoTIFF/);
  });
});
