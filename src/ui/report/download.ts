// Saves bytes as a file the browser downloads: a Blob, an object URL and a clicked link.

/** Today as YYYY-MM-DD (local time), for file names and printed dates. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Downloads `data` as `filename`. */
export function download(data: Uint8Array | Blob, filename: string, mime = 'application/octet-stream'): void {
  const blob = data instanceof Blob ? data : new Blob([data as Uint8Array<ArrayBuffer>], { type: mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The download has started by the time the click returns; the URL is only needed that long.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export const MIME = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv;charset=utf-8',
  geojson: 'application/geo+json',
  fgb: 'application/octet-stream',
  png: 'image/png',
} as const;
