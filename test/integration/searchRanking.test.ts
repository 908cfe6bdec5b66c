import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBaseRows } from '../../electron/import/stagedBase';
import { searchCustomers } from '../../electron/search/customerSearch';
import { admin, testApp, type TestApp } from '../helpers/app';

// Ranking by name: the customer whose whole name is what the clerk typed comes first, then names
// that start with it, then the rest; the order must not depend on how common the name is.

let t: TestApp;

const row = (n: number, name: string) => ({ identification: `PX${String(n).padStart(5, '0')}`, name, serviceNumber: `9${String(n).padStart(5, '0')}`, equipmentType: 'MODEM', serial: `SR-${n}` });

beforeAll(async () => {
  t = await testApp();
  t.ctx.session.user = admin;
  const rows = [];
  let n = 1;
  // Many namesakes listed first: more than one page of full-text candidates before the exact one.
  for (let i = 0; i < 140; i++) rows.push(row(n++, `MARIA ANDRADE VILLACIS ${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}`));
  rows.push(row(n++, 'ANDRADE ANA'));
  rows.push(row(n++, 'ANDRADE ANA BELEN'));
  rows.push(row(n++, 'ANDRADE ANABEL'));
  rows.push(row(n++, 'AGUIRRE ANDRADE ANA'));
  rows.push(row(n++, 'ANDRADE VILLACÍS MARÍA'));
  // More names start with «SOLIS PAZ» than a page holds; namesakes hold the words elsewhere.
  for (let i = 0; i < 30; i++) rows.push(row(n++, `AGUIRRE SOLIS PAZ ${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}`));
  for (let i = 0; i < 60; i++) rows.push(row(n++, `SOLIS PAZ ${String.fromCharCode(90 - (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))} RUIZ`));
  rows.push(row(n++, 'SOLIS PAZ'));
  await loadBaseRows(t.ctx.app.db, rows, 'UIO-INAQUITO-01');
});
afterAll(async () => {
  await t.close();
});

const names = (text: string, limit = 20) => searchCustomers(t.ctx.app.db, text, limit).results.map((c) => c.name);

describe('name ranking', () => {
  it('puts the exact full name first, even among many namesakes', () => {
    expect(names('andrade villacis maria')[0]).toBe('ANDRADE VILLACÍS MARÍA');
    expect(names('Andrade Villacís María', 5)[0]).toBe('ANDRADE VILLACÍS MARÍA');
  });

  it('ranks the exact name, then names that start with it, then the rest', () => {
    const r = names('andrade ana');
    expect(r.slice(0, 3)).toEqual(['ANDRADE ANA', 'ANDRADE ANA BELEN', 'ANDRADE ANABEL']);
    expect(r.indexOf('AGUIRRE ANDRADE ANA')).toBeGreaterThan(2);
  });

  it('fills the page with names that start with a common phrase, the exact one first, then alphabetical', () => {
    const r = names('solis paz');
    expect(r).toHaveLength(20);
    expect(r[0]).toBe('SOLIS PAZ');
    expect(r.every((n) => n?.startsWith('SOLIS PAZ'))).toBe(true);
    expect(r.slice(1)).toEqual([...r.slice(1)].sort());
  });

  it('puts names that start with the query before the rest when none is exact', () => {
    const r = names('andrade villacis');
    expect(r[0]).toBe('ANDRADE VILLACÍS MARÍA');
    expect(r.slice(1).every((n) => n?.startsWith('MARIA ANDRADE VILLACIS '))).toBe(true);
  });
});
