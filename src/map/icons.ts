// Facility icons: a disc in the type's catalogue colour with a one-character pictogram, drawn on
// a canvas at load (no sprite files to ship, works offline). The legend shows the same marks.
import { iconChar, type Catalogue } from '../core/catalogue';

/** Image id of a type's icon. */
export const iconId = (code: string) => `fac-${code}`;

const SIZE = 22;

/** RGBA icon images by id, drawn at `pixelRatio`. */
export function facilityIcons(catalogue: Catalogue, pixelRatio: number): { id: string; image: ImageData }[] {
  const px = Math.round(SIZE * pixelRatio);
  return catalogue.map((t) => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = px;
    const ctx = canvas.getContext('2d')!;
    ctx.beginPath();
    ctx.arc(px / 2, px / 2, px / 2 - pixelRatio, 0, 2 * Math.PI);
    ctx.fillStyle = t.color;
    ctx.fill();
    ctx.lineWidth = 1.5 * pixelRatio;
    ctx.strokeStyle = '#ffffff';
    ctx.stroke();
    ctx.fillStyle = '#ffffff';
    ctx.font = `bold ${Math.round(12 * pixelRatio)}px "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(iconChar(t), px / 2, px / 2 + 0.5 * pixelRatio);
    return { id: iconId(t.code), image: ctx.getImageData(0, 0, px, px) };
  });
}
