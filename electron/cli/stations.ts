import { resolve } from 'node:path';
import { setupInit } from '../../shared/contracts/app';
import { keyEventLabel, stationsEnrol, stationsList, stationsSaveIdentity, stationsTrustCentral } from '../../shared/contracts/stations';
import { formatDateTime } from '../../shared/dates';
import { AppFailure } from '../../shared/result';
import { normalizeStationCode } from '../../shared/station';
import { closeServices } from '../app/services';
import { call } from '../handlers/call';
import { readIdentityFile } from '../stations/identityFile';
import { args, context, EXIT, need, UsageError } from './cliArgs';
import { chosenFile } from './chosenFile';

/**
 * Setting up a station and who it trusts: `iniciar` (an office, the central with --central, or an
 * office that trusts its central at once with --central-identidad), `identidad`,
 * `confiar-central`, `registrar-estacion` and `estaciones`.
 */

type Out = (s: string) => void;

export async function initCmd(argv: string[], out: Out, err: Out): Promise<number> {
  const a = args(argv, {
    db: { type: 'string' },
    estacion: { type: 'string' },
    oficina: { type: 'string' },
    regional: { type: 'string' },
    ciudad: { type: 'string' },
    usuario: { type: 'string' },
    nombre: { type: 'string' },
    clave: { type: 'string' },
    central: { type: 'boolean' },
    'central-identidad': { type: 'string' },
    json: { type: 'boolean' },
  });
  const v = a.values;
  const centralFile = v['central-identidad'] === undefined ? undefined : resolve(need(v['central-identidad'], 'central-identidad'));
  if (v.central && centralFile) throw new UsageError('Use --central para configurar la central, o --central-identidad para una oficina que confía en ella; no ambas.');
  const admin = v.usuario ? { username: v.usuario, fullName: need(v.nombre, 'nombre'), password: need(v.clave, 'clave') } : undefined;
  const code = need(v.estacion, 'estacion');
  const office = need(v.oficina, 'oficina');
  const dbPath = need(v.db, 'db');
  if (centralFile) {
    // The central's file is checked before anything is configured: a wrong file leaves no half-set station.
    try {
      const central = await readIdentityFile(centralFile);
      if (central.role !== 'CENTRAL') throw new AppFailure('refused', `Ese archivo es la identidad de la oficina ${central.code}, no de la central de Posventa.`);
      if (central.code === normalizeStationCode(code)) throw new AppFailure('refused', `La central usa el código ${central.code}: elija otro código para esta estación.`);
    } catch (e) {
      if (!(e instanceof AppFailure)) throw e;
      err(`${e.message} No se configuró la estación.`);
      return EXIT.refused;
    }
  }
  const ctx = context(dbPath);
  try {
    const r = await call(ctx, setupInit, {
      stationCode: code,
      office,
      regional: v.regional as string | undefined,
      city: v.ciudad as string | undefined,
      admin,
      ...(v.central ? { central: true } : {}),
    });
    if (!r.ok) {
      err(r.error.message);
      return EXIT.refused;
    }
    const role = v.central ? 'central de Posventa' : 'oficina';
    const json = { station: r.value.station, admin: r.value.user?.username ?? null, recoveryKey: r.value.recoveryKey, trust: null as string | null };
    if (!v.json) {
      out(`Estación ${r.value.station.code} (${r.value.station.office}, ${role}) configurada en ${ctx.app.dbPath}.`);
      if (r.value.user) out(`Administrador: ${r.value.user.username}.`);
      out(`Clave de recuperación de la base de datos: ${r.value.recoveryKey}`);
      out('Guárdela en papel, en un lugar seguro y fuera de esta computadora: abre la base si se pierde el archivo .llave o al restaurarla en otra computadora. No se volverá a mostrar.');
    }
    if (centralFile) {
      const t = await call(ctx, stationsTrustCentral, { file: chosenFile(ctx, centralFile) });
      if (!t.ok) {
        if (v.json) out(JSON.stringify(json));
        err(`${t.error.message} La estación quedó configurada: confíe en la central con «confiar-central».`);
        return EXIT.refused;
      }
      json.trust = t.value.message;
      if (!v.json) out(t.value.message);
    }
    if (v.json) out(JSON.stringify(json));
    return EXIT.ok;
  } finally {
    await closeServices(ctx.app);
  }
}

export async function identityCmd(argv: string[], out: Out, err: Out): Promise<number> {
  const a = args(argv, { db: { type: 'string' }, salida: { type: 'string' }, json: { type: 'boolean' } });
  const target = resolve(need(a.values.salida, 'salida'));
  const ctx = context(need(a.values.db, 'db'));
  try {
    const r = await call(ctx, stationsSaveIdentity, { path: target });
    if (!r.ok) {
      err(r.error.message);
      return EXIT.refused;
    }
    const s = r.value;
    if (a.values.json) out(JSON.stringify({ code: s.code, office: s.office, role: s.role, fingerprint: s.fingerprint, path: s.path }));
    else {
      out(`Identidad de la estación ${s.code} (${s.office}, ${s.role === 'CENTRAL' ? 'central' : 'oficina'}) escrita en ${s.path}.`);
      out(`Huella: ${s.fingerprint}`);
    }
    return EXIT.ok;
  } finally {
    await closeServices(ctx.app);
  }
}

/** `confiar-central` (at an office) and `registrar-estacion` (at the central): one identity file, an optional motivo. */
export async function trustCmd(which: 'central' | 'enrol', argv: string[], out: Out, err: Out): Promise<number> {
  const a = args(argv, { db: { type: 'string' }, json: { type: 'boolean' }, motivo: { type: 'string' } });
  const file = a.positionals[0];
  if (!file) throw new UsageError('Indique el archivo de identidad.');
  const reason = a.values.motivo === undefined ? undefined : need(a.values.motivo, 'motivo');
  const ctx = context(need(a.values.db, 'db'));
  try {
    const input = { file: chosenFile(ctx, file), ...(reason ? { reason } : {}) };
    const r = which === 'central' ? await call(ctx, stationsTrustCentral, input) : await call(ctx, stationsEnrol, input);
    if (!r.ok) {
      err(r.error.message);
      return EXIT.refused;
    }
    const o = r.value;
    if (a.values.json) out(JSON.stringify({ status: o.status, code: o.code, office: o.office, role: o.role, fingerprint: o.fingerprint, previousFingerprint: o.previousFingerprint, message: o.message }));
    else out(o.message);
    return EXIT.ok;
  } finally {
    await closeServices(ctx.app);
  }
}

export async function stationsCmd(argv: string[], out: Out, err: Out): Promise<number> {
  const a = args(argv, { db: { type: 'string' }, json: { type: 'boolean' } });
  const ctx = context(need(a.values.db, 'db'));
  try {
    const r = await call(ctx, stationsList, {});
    if (!r.ok) {
      err(r.error.message);
      return EXIT.refused;
    }
    if (a.values.json) {
      out(JSON.stringify(r.value));
      return EXIT.ok;
    }
    for (const s of r.value.stations) {
      const who = s.local ? 'esta estación' : s.trustedAt ? `de confianza desde ${formatDateTime(s.trustedAt)}` : 'sin clave de confianza';
      out(`${s.code}  ${s.office}  ${s.role === 'CENTRAL' ? 'central' : 'oficina'}  ${s.fingerprint ?? '(sin huella)'}  ${who}`);
    }
    if (r.value.events.length > 0) out('Historial de claves:');
    for (const e of r.value.events) {
      const before = e.previousFingerprint ? ` (antes ${e.previousFingerprint})` : '';
      const why = e.reason ? ` motivo: ${e.reason}` : '';
      out(`  ${formatDateTime(e.at)}  ${keyEventLabel(e.event)}  ${e.stationCode}  ${e.fingerprint}${before}  ${e.userName ?? ''}${why}`);
    }
    return EXIT.ok;
  } finally {
    await closeServices(ctx.app);
  }
}
