import { useState } from 'react';
import { formatDate, parseDayFirstDate } from '../../../shared/dates';
import { Field } from './common';

/** Digits typed as dd/mm/aaaa: the slashes come by themselves, so only numbers need typing. */
export function maskDay(text: string): string {
  // A day pasted as a system writes it (2027-01-15) is that day, not the digits 20/27/0115.
  const iso = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/.exec(text);
  if (iso) return `${iso[3]}/${iso[2]}/${iso[1]}`;
  const digits = text.replace(/\D/g, '').slice(0, 8);
  if (digits.length <= 2) return digits;
  if (digits.length <= 4) return `${digits.slice(0, 2)}/${digits.slice(2)}`;
  return `${digits.slice(0, 2)}/${digits.slice(2, 4)}/${digits.slice(4)}`;
}

/** The ISO day for a complete dd/mm/aaaa, '' for an empty box, null for anything else. */
function isoOfTyped(text: string): string | null {
  const t = text.trim();
  if (!t) return '';
  return /^\d{2}\/\d{2}\/\d{4}$/.test(t) ? parseDayFirstDate(t) : null;
}

/**
 * A date typed as dd/mm/aaaa whatever the browser's locale (an `<input type="date">` shows the
 * operating system's order, mm/dd on many machines). The caller sees only ISO `AAAA-MM-DD`, or ''
 * while the box is empty or not yet a real date; what is wrong is said under the box once the user
 * leaves it. `min`/`max` are ISO days.
 */
export function DateField(props: {
  label: string;
  value: string;
  /**
   * `valid`: the box is empty or holds a day within min/max. A form whose date is optional needs it:
   * '' alone would let a mistyped date (31/02/2021) be saved as no date, without a word.
   */
  onChange: (iso: string, valid: boolean) => void;
  error?: string | undefined;
  hint?: string | undefined;
  min?: string | undefined;
  max?: string | undefined;
  autoFocus?: boolean;
}) {
  const { value, onChange, min, max } = props;
  const [text, setText] = useState(() => formatDate(value));
  const [left, setLeft] = useState(false);

  const [seen, setSeen] = useState(value);
  // A value set from outside (a reset, a loaded setting) replaces the text; the user's own typing does not.
  if (seen !== value) {
    setSeen(value);
    if ((isoOfTyped(text) ?? '') !== value) setText(formatDate(value));
  }

  const iso = isoOfTyped(text);
  const own =
    iso === null
      ? 'Escriba la fecha como dd/mm/aaaa, por ejemplo 27/03/2025.'
      : iso && min && iso < min
        ? `La fecha no puede ser anterior al ${formatDate(min)}.`
        : iso && max && iso > max
          ? `La fecha no puede ser posterior al ${formatDate(max)}.`
          : undefined;
  // A text that is no date at all is said before a screen's message about the pair, which
  // misled under it («Indique las dos fechas.» under 40/13/2026); the screen's word on the range stands.
  const error = (left && iso === null ? own : undefined) ?? props.error ?? (left ? own : undefined);

  return (
    <Field label={props.label} error={error} hint={props.hint ?? 'dd/mm/aaaa'}>
      {(id, describedBy) => (
        <input
          id={id}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          placeholder="dd/mm/aaaa"
          maxLength={10}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          autoFocus={props.autoFocus}
          value={text}
          onChange={(e) => {
            // Deleting a slash by hand must not put it straight back: mask only while the text grows.
            const raw = e.target.value;
            const next = raw.length < text.length ? raw : maskDay(raw);
            setText(next);
            const day = isoOfTyped(next);
            onChange(day ?? '', day !== null && !(day && min && day < min) && !(day && max && day > max));
          }}
          onBlur={() => setLeft(true)}
        />
      )}
    </Field>
  );
}
