import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupsRegister } from '../../shared/contracts/backups';
import { consolidateJob, exportJob } from '../../shared/contracts/jobKinds';
import { syncConsolidate, syncExport } from '../../shared/contracts/sync';
import { stationKeyFrom, type StationKey } from '../../electron/auth/keyFile';
import { generateStationKeys } from '../../electron/auth/stationKeys';
import { backupFilePath } from '../../electron/backups/fileStore';
import { isSealed } from '../../electron/files/sealedFile';
import { call } from '../../electron/handlers/call';
import type { TestApp } from '../helpers/app';
import { consolidationSnapshot } from '../helpers/consolidationSnapshot';
import { forgePackage } from '../helpers/forge';
import { keptBytes, keptSha256 } from '../helpers/kept';
import { card, coordinator, office, posventa, returnSerials, runJob } from '../helpers/offices';
import { forCentral, linkStations, trustTestCentral } from '../helpers/trust';
import { validPdf } from '../helpers/documents';
import { pick } from '../helpers/files';

/**
 * Forged office packages, each made from a genuine one with its manifest recomputed so every hash
 * matches: none may change anything at Posventa's central. Office A (UIO-01) and B (GYE-01) are
 * enrolled there; C (LOJ-01) is not.
 */

const open: TestApp[] = [];
afterAll(async () => {
  for (const t of open.splice(0)) await t.close();
});
async function pc(code: string, name: string, central = false): Promise<TestApp> {
  const t = await office(code, name, undefined, { central });
  open.push(t);
  return t;
}

const exportNow = (t: TestApp) => runJob(t, exportJob, syncExport, { includeDocuments: true }, coordinator);
// Offices here trust two centrals: each consolidates the packages encrypted again to it.
const consolidate = async (t: TestApp, paths: string[]) =>
  runJob(t, consolidateJob, syncConsolidate, { packages: await Promise.all(paths.map(async (path) => pick(t.ctx.session, await forCentral(t.ctx.app, path)))) }, posventa);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const pdf = (text: string) => validPdf(text);

/** Registers a respaldo for a customer's last service with one document; returns its id and the document's hash. */
async function respaldo(t: TestApp, identification: string, doc: Buffer): Promise<{ id: string; sha: string }> {
  const c = await card(t, identification);
  const path = join(t.dir, `${sha256(doc)}.pdf`);
  writeFileSync(path, doc);
  t.ctx.session.user = coordinator;
  const r = await call(t.ctx, backupsRegister, { customerId: c.id, serviceIds: [c.services[c.services.length - 1]!.id], actaNumber: 'P-1', files: [pick(t.ctx.session, path, 'respaldo.pdf')] });
  if (!r.ok) throw new Error(r.error.message);
  return { id: r.value.id, sha: sha256(doc) };
}

let a: TestApp;
let p: TestApp;
let q: TestApp;
let aKey: StationKey;
let genuineA: string;
let genuineB: string;
let unenrolled: string;
let aActa: { id: string; number: string };
let bActa: { id: string; number: string };
let bBackup: { id: string; sha: string };
let aBackup: { id: string; sha: string };
const B_DOC = pdf('respaldo de Guayaquil');

beforeAll(async () => {
  a = await pc('UIO-01', 'CAC Iñaquito');
  const b = await pc('GYE-01', 'CAC Centro Guayaquil');
  const c = await pc('LOJ-01', 'CAC Loja');
  p = await pc('PV-01', 'Posventa Nacional', true);
  q = await pc('PV-02', 'Posventa Nacional', true);
  await linkStations(p.ctx.app, [a.ctx.app, b.ctx.app]);
  await linkStations(q.ctx.app, [a.ctx.app, b.ctx.app]);
  // C trusts a central that never enrolled it (its packages still travel encrypted).
  trustTestCentral(c.ctx.app);
  aKey = await a.ctx.app.stationKey();

  bActa = await returnSerials(b, '0102030400', ['KA-9']);
  bBackup = await respaldo(b, '1712345675', B_DOC);
  genuineB = (await exportNow(b)).package;
  aActa = await returnSerials(a, '0912345675', ['ZT-4']);
  aBackup = await respaldo(a, '1712345675', pdf('respaldo de Iñaquito'));
  genuineA = (await exportNow(a)).package;
  await returnSerials(c, '1104680135', ['HW-5']);
  unenrolled = (await exportNow(c)).package;

  const first = await consolidate(p, [genuineB]);
  expect(first.refused).toEqual([]);
  expect(first.inserted).toMatchObject({ handovers: 1, backups: 1 });
}, 120_000);

/**
 * What a forged package could change: the records, the packages recorded, the stored respaldo
 * documents (kept sealed with a random salt each: compared by their clear contents).
 */
async function state(t: TestApp) {
  const db = t.ctx.app.db;
  const store = join(t.dir, 'respaldos');
  const names = existsSync(store) ? readdirSync(store, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.pdf')).sort() : [];
  const documents = await Promise.all(names.map(async (f) => [f, await keptSha256(join(store, f))]));
  return {
    ...consolidationSnapshot(db),
    backupRows: db.prepare('SELECT id, origin_station, status, review_reason, reviewed_by, reviewed_at FROM backups ORDER BY id').all(),
    packages: db.prepare('SELECT sha256 FROM sync_packages ORDER BY sha256').pluck().all(),
    documents,
  };
}

const now = () => new Date().toISOString();
const forged = (name: string) => join(a.dir, `${name}.recupera`);

describe('consolidar refuses a forged package whole and changes nothing', () => {
  it('refuses every kind of forgery with its reason, leaves the database and the document store as they were, and no temporaries', async () => {
    const otherKey = stationKeyFrom(aKey.stationId, generateStationKeys().privateKey);
    const edit = (db: Database.Database) => db.exec("UPDATE handovers SET holder_name = 'OTRA PERSONA'");
    const cases: Array<[string, Promise<string>, string]> = [
      ['sin-firma', forgePackage(genuineA, forged('sin-firma'), { data: edit, signer: 'none' }), 'no está firmado'],
      ['firma-vieja', forgePackage(genuineA, forged('firma-vieja'), { data: edit, signer: 'keep' }), 'modificado después de firmado'],
      ['otra-clave', forgePackage(genuineA, forged('otra-clave'), { signer: otherKey }), `fue firmado con la clave ${otherKey.fingerprint}`],
      ['formato-1', forgePackage(genuineA, forged('formato-1'), { signer: 'none', manifest: (m) => ({ ...m, formatVersion: 1 }) }), 'formato 1, sin firma'],
      [
        'anula-acta-de-b',
        forgePackage(genuineA, forged('anula-acta-de-b'), {
          data: (db) => db.prepare("INSERT INTO voids VALUES ('01900000-0000-7000-8000-00000000a001', 'UIO-01', ?, ?, 'Anulada por otra oficina', NULL, NULL, ?)").run(bActa.id, bActa.number, now()),
          signer: aKey,
        }),
        `anula el acta ${bActa.number} de la estación GYE-01`,
      ],
      [
        'anula-acta-ausente-de-b',
        forgePackage(genuineA, forged('anula-acta-ausente-de-b'), {
          data: (db) => db.prepare("INSERT INTO voids VALUES ('01900000-0000-7000-8000-00000000a002', 'UIO-01', '01900000-0000-7000-8000-0000000000b9', 'GYE-01-2026-000050', 'x', NULL, NULL, ?)").run(now()),
          signer: aKey,
        }),
        'anula el acta GYE-01-2026-000050, que aquí no consta ni es de esa estación',
      ],
      [
        'acepta-respaldo-de-b',
        forgePackage(genuineA, forged('acepta-respaldo-de-b'), {
          data: (db) =>
            db
              .prepare("INSERT INTO backups SELECT ?, 'UIO-01', customer_key, customer_identification, customer_name, 'ACEPTADO', acta_number, acta_date, office, source, note, 'Revisado', 'Alguien', ?, created_by, created_at FROM backups")
              .run(bBackup.id, now()),
          signer: aKey,
        }),
        'reemplazaría un respaldo que aquí es de la estación GYE-01',
      ],
      [
        'acepta-su-respaldo',
        forgePackage(genuineA, forged('acepta-su-respaldo'), {
          data: (db) => db.prepare("UPDATE backups SET status = 'ACEPTADO', reviewed_by = 'Alguien', reviewed_at = ?").run(now()),
          signer: aKey,
        }),
        'trae decisiones de revisión de respaldos',
      ],
      [
        'toma-numero-de-b',
        forgePackage(genuineA, forged('toma-numero-de-b'), {
          data: (db) => {
            db.prepare("UPDATE handovers SET id = '00000000-0000-7000-8000-000000000001', acta_number = ?").run(bActa.number);
            db.exec("UPDATE items SET handover_id = '00000000-0000-7000-8000-000000000001'");
          },
          signer: aKey,
        }),
        `trae el acta ${bActa.number}, cuyo número no es de esa estación`,
      ],
      [
        'acta-a-nombre-de-b',
        forgePackage(genuineA, forged('acta-a-nombre-de-b'), {
          data: (db) => db.exec("UPDATE handovers SET origin_station = 'GYE-01', acta_number = replace(acta_number, 'UIO-01', 'GYE-01'); UPDATE items SET origin_station = 'GYE-01'"),
          signer: aKey,
        }),
        'trae registros a nombre de la estación GYE-01',
      ],
      [
        'reemplaza-acta-de-b',
        forgePackage(genuineA, forged('reemplaza-acta-de-b'), {
          data: (db) => db.prepare("INSERT INTO handovers SELECT ?, origin_station, acta_number || '-X', acta_year, acta_seq + 1, historical, out_of_base, customer_key, customer_identification, customer_id_type, customer_name, customer_phone, holder_identification, holder_name, delivered_by, third_party_identification, third_party_name, third_party_documents, observations, office, city, clerk_user_id, clerk_name, delivered_at, created_at, content_hash, verification_code, signature, NULL FROM handovers").run(bActa.id),
          signer: aKey,
        }),
        `reemplazaría el acta ${aActa.number}-X, que aquí es de la estación GYE-01`,
      ],
      [
        'reemplaza-documento-de-b',
        forgePackage(genuineA, forged('reemplaza-documento-de-b'), {
          data: (db) => db.prepare("UPDATE backup_files SET sha256 = ?, package_file = ?").run(bBackup.sha, `respaldos/${bBackup.sha}.pdf`),
          documents: { [`respaldos/${bBackup.sha}.pdf`]: pdf('otro contenido') },
          signer: aKey,
        }),
        'no tiene el contenido que su nombre declara',
      ],
      ['no-registrada', Promise.resolve(unenrolled), 'no está registrada en esta central'],
    ];
    const paths = await Promise.all(cases.map(([, path]) => path));
    const before = await state(p);

    const r = await consolidate(p, paths);
    expect(r.refused.map((x) => x.package)).toEqual(paths.map((x) => x.split('/').pop()));
    for (const [i, [name, , reason]] of cases.entries()) expect(r.refused[i]!.reason, name).toContain(reason);
    expect(r.inserted).toEqual({ handovers: 0, items: 0, backups: 0, voids: 0 });
    expect(await state(p)).toEqual(before);
    // B's document is still B's, and nothing extracted from the refused packages is left behind.
    expect(await keptBytes(backupFilePath(p.dir, bBackup.sha, 'pdf'))).toEqual(B_DOC);
    expect(readdirSync(join(p.dir, 'trabajo'))).toEqual([]);
  });

  it('still counts the genuine packages of the same run, as if the forged ones were never there', async () => {
    const forgery = await forgePackage(genuineA, forged('otra-vez'), { signer: 'none', data: (db) => db.exec('DELETE FROM voids') });
    const r = await consolidate(p, [forgery, genuineA]);
    expect(r.refused).toEqual([{ package: 'otra-vez.recupera', reason: expect.stringContaining('no está firmado') }]);
    expect(r.inserted).toMatchObject({ handovers: 1, backups: 1 });
    await consolidate(q, [genuineB, genuineA]);
    // Each central received the packages encrypted to itself: the same records, files of other bytes.
    const same = async (t: TestApp) => {
      const s = await state(t);
      return { ...s, packages: s.packages.length };
    };
    expect(await same(p)).toEqual(await same(q));
    expect(readdirSync(join(p.dir, 'trabajo'))).toEqual([]);
  });
});

describe('respaldo documents are checked against their hash on arrival', () => {
  it('leaves the stored documents alone when the packages come again: applied packages are skipped before anything is extracted', async () => {
    const stored = backupFilePath(q.dir, aBackup.sha, 'pdf');
    const genuine = await keptBytes(stored);
    expect(sha256(genuine)).toBe(aBackup.sha);
    const soundB = backupFilePath(q.dir, bBackup.sha, 'pdf');
    const before = readFileSync(soundB);
    const r = await consolidate(q, [genuineA, genuineB]);
    expect(r.inserted).toEqual({ handovers: 0, items: 0, backups: 0, voids: 0 });
    expect(r.outcomes.map((o) => o.status)).toEqual(['applied', 'applied']);
    // Nothing was extracted or rewritten: the stored copies are the ones written the first time.
    expect(await keptBytes(stored)).toEqual(genuine);
    expect(readFileSync(soundB)).toEqual(before);
    expect(readdirSync(join(q.dir, 'trabajo'))).toEqual([]);
  });

  it('replaces a damaged stored copy when the same document is attached again at the desk (and mail attachments, which go through the same store)', async () => {
    const doc = pdf('documento que se adjunta dos veces');
    const first = await respaldo(a, '0102030400', doc);
    const stored = backupFilePath(a.dir, first.sha, 'pdf');
    writeFileSync(stored, pdf('reemplazado en disco'));
    await respaldo(a, '0102030400', doc);
    expect(await isSealed(stored)).toBe(true);
    expect(await keptBytes(stored)).toEqual(doc);
  });
});
