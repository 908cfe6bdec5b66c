import { describe, expect, it } from 'vitest';
import { buildEmailSubject, parseEmailSubject } from '../../shared/emailSubject';

describe('e-mail subject for backups', () => {
  it('builds the subject Posventa asks for', () => {
    expect(buildEmailSubject('0102030400', 'pérez lópez juan', 'Internet Fijo')).toBe('0102030400//PÉREZ LÓPEZ JUAN//INTERNET FIJO');
  });

  it.each([
    ['0102030400//PEREZ LOPEZ JUAN//INTERNET FIJO', 'Internet Fijo'],
    ['0102030400 // Pérez López Juan // Internet fijo', 'Internet Fijo'],
    ['102030400/PEREZ LOPEZ JUAN/TELEVISION', 'Televisión'],
    ['RE: RV: 0102030400//PÉREZ LÓPEZ JUAN//telefonía fija', 'Telefonía Fija'],
    ['0102030400 / perez lopez juan', null],
  ])('reads %s', (subject, line) => {
    const r = parseEmailSubject(subject);
    expect(r).toEqual({ ok: true, identification: '0102030400', name: 'PEREZ LOPEZ JUAN', businessLine: line });
  });

  it('explains what is wrong with a subject it cannot use', () => {
    expect(parseEmailSubject('Entrega de equipos')).toMatchObject({ ok: false, reason: expect.stringContaining('formato') });
    expect(parseEmailSubject('JUAN PEREZ//INTERNET')).toMatchObject({ ok: false, reason: expect.stringContaining('cédula') });
    expect(parseEmailSubject('0102030400//INTERNET FIJO')).toMatchObject({ ok: false, reason: expect.stringContaining('apellidos') });
  });
});
