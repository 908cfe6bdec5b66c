import { normalizeIdentification } from './identification';
import { cleanText, foldKey } from './text';
import { normalizeBusinessLine, type BusinessLine } from './values';

/**
 * The subject Posventa asks for (seed, "SRECH CONTACT CENTER # 2"):
 * `CEDULA//APELLIDOS Y NOMBRES//LINEA DE NEGOCIO`.
 */
export function buildEmailSubject(identification: string | null, name: string | null, businessLine: string | null): string {
  return [identification ?? '', cleanText(name ?? '').toLocaleUpperCase('es-EC'), (businessLine ?? '').toLocaleUpperCase('es-EC')].join('//');
}

export type ParsedSubject =
  | { ok: true; identification: string; name: string; businessLine: BusinessLine | null }
  | { ok: false; reason: string };

/**
 * Reads a subject as customers really write it: spaces around the separators, a single `/`,
 * any case, with or without accents, a cédula that lost its leading zero, "RE:"/"RV:" prefixes.
 */
export function parseEmailSubject(subject: string): ParsedSubject {
  const s = cleanText(subject).replace(/^((RE|RV|FW|FWD|TR)\s*:\s*)+/i, '');
  const parts = s.split(/\s*\/{1,3}\s*/).map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length < 2) return { ok: false, reason: 'El asunto no tiene el formato CEDULA//APELLIDOS Y NOMBRES//LINEA DE NEGOCIO.' };
  const idPart = parts.find((p) => /^\d[\d\s.-]{7,14}$/.test(p));
  if (!idPart) return { ok: false, reason: 'El asunto no incluye un número de cédula o RUC.' };
  const id = normalizeIdentification(idPart);
  if (!id) return { ok: false, reason: 'El asunto no incluye un número de cédula o RUC.' };
  const rest = parts.filter((p) => p !== idPart);
  let businessLine: BusinessLine | null = null;
  const names: string[] = [];
  for (const p of rest) {
    const line = normalizeBusinessLine(p);
    if (line && !businessLine && foldKey(p).split(' ').length <= 3) businessLine = line;
    else names.push(p);
  }
  const name = foldKey(names.join(' '));
  if (!name) return { ok: false, reason: 'El asunto no incluye los apellidos y nombres.' };
  return { ok: true, identification: id.value, name, businessLine };
}
