// Types for tiny-osmpbf 0.1 (ships none): the elements it hands to a callback.
declare module 'tiny-osmpbf' {
  type Element =
    | { type: 'node'; id: number; lon: number; lat: number; tags?: Record<string, string> }
    | { type: 'way'; id: number; nodes: number[]; tags?: Record<string, string> }
    | { type: 'relation'; id: number; tags?: Record<string, string> };
  export default function tinyOsmPbf(data: Uint8Array, handler: (el: Element) => void): unknown;
}
