import { statSync } from 'node:fs';
import { arch, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { databaseHealth } from '../db/diagnostics';
import { campaignOf } from '../db/settings';
import { getLocalStation } from '../db/stations';
import { writeFileAtomic } from '../files/atomicFile';
import { fileStamp, safeFilePart } from '../files/names';
import { flushLog, log, logFile, readLogTail } from '../platform/log';
import { withoutHome } from '../platform/redact';
import { diagnosticsDir, type AppServices } from './services';

/** The last 256 KB of the log: a few thousand events, enough to see what led to a failure. */
const LOG_TAIL_BYTES = 256 * 1024;

function fileSize(path: string): number | null {
  try {
    return statSync(path).size;
  } catch {
    return null;
  }
}

/** A log line as an object when it is one (every line the app writes is), else as it is. */
function parseLine(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return line;
  }
}

/**
 * One JSON file for support: versions, platform, the database's health (integrity and foreign-key
 * checks, schema version, rows per table), the station and the campaign settings, and the log's
 * tail. No record's contents: counts, never rows; the log was redacted as it was written.
 */
export async function writeDiagnostics(app: AppServices, now: Date = new Date()): Promise<{ path: string; fileName: string }> {
  await flushLog();
  const station = getLocalStation(app.db);
  const health = databaseHealth(app.db);
  const bundle = {
    generatedAt: now.toISOString(),
    app: {
      version: app.version,
      electron: process.versions.electron ?? null,
      chrome: process.versions.chrome ?? null,
      node: process.versions.node,
      sqlite: health.sqliteVersion,
    },
    platform: { os: process.platform, release: release(), arch: arch(), memoryMb: Math.round(totalmem() / (1024 * 1024)) },
    dataFolder: withoutHome(app.dataDir),
    database: {
      file: withoutHome(app.dbPath),
      sizeBytes: fileSize(app.dbPath),
      walBytes: fileSize(`${app.dbPath}-wal`),
      ...health,
    },
    station: station ? { code: station.code, office: station.office, regional: station.regional, city: station.city } : null,
    campaign: campaignOf(app.db),
    log: { file: withoutHome(logFile(app.dataDir)), tail: readLogTail(app.dataDir, LOG_TAIL_BYTES).map(parseLine) },
  };
  const fileName = `diagnostico_${safeFilePart(station?.code ?? 'SIN-ESTACION')}_${fileStamp(now, true)}.json`;
  const path = join(diagnosticsDir(app), fileName);
  // Whole or not at all; a full disk or a missing folder comes back in Spanish, naming the folder.
  await writeFileAtomic(path, JSON.stringify(bundle, null, 2) + '\n');
  log.info('diagnostics.written', { file: fileName, integrity: health.integrityCheck[0] ?? null, foreignKeyProblems: health.foreignKeyCheck.length });
  return { path, fileName };
}
