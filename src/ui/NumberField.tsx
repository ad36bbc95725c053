// A number input bound to one range of the numeric boundary (core/limits.ts): what the user types
// is kept as typed; only a value inside the range reaches `onChange`, and anything else shows why,
// in the UI language, under the field.
import { useState } from 'react';
import { inRange, parseNumber, RANGES, type NumberName, type NumberRange } from '../core/limits';
import { fmt, t, type Lang } from './i18n';

interface Props {
  lang: Lang;
  name: NumberName;
  value: number;
  onChange: (x: number) => void;
  /** Shown value = value × scale (100 for a share shown in percent). */
  scale?: number;
  /** Narrower than the range on this form (still inside it). */
  min?: number;
  step?: number;
  disabled?: boolean;
  title?: string;
  testId?: string;
}

const shown = (x: number, scale: number) => String(+(x * scale).toPrecision(12));

export function NumberField({ lang, name, value, onChange, scale = 1, min, step, disabled, title, testId }: Props) {
  const [text, setText] = useState(() => shown(value, scale));
  // A new value from outside replaces the text unless the text already says it ("1.50" stays).
  const [seen, setSeen] = useState({ value, scale });
  if (seen.value !== value || seen.scale !== scale) {
    setSeen({ value, scale });
    if (parseNumber(text) !== +(value * scale).toPrecision(12)) setText(shown(value, scale));
  }
  const r: NumberRange = RANGES[name];
  const lo = Math.max(min ?? -Infinity, r.min * scale),
    hi = r.max * scale;
  const check = (s: string) => {
    const x = parseNumber(s);
    return x !== null && x >= lo ? inRange(name, x / scale) : null;
  };
  const bad = !disabled && check(text) === null;
  const message = t(lang, r.integer ? 'outOfRangeWhole' : 'outOfRange')
    .replace('{min}', fmt(lang, lo, 2))
    .replace('{max}', fmt(lang, hi, 2));
  return (
    <>
      <input
        type="number"
        data-testid={testId}
        min={lo}
        max={hi}
        step={step}
        value={text}
        disabled={disabled}
        title={title}
        aria-invalid={bad || undefined}
        onChange={(e) => {
          setText(e.target.value);
          const x = check(e.target.value);
          if (x !== null) onChange(x);
        }}
      />
      {bad && (
        <small className="error-inline" role="alert" data-testid={testId ? `${testId}-error` : undefined}>
          {message}
        </small>
      )}
    </>
  );
}
