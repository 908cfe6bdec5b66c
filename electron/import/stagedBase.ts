import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RawBaseRow } from '../../shared/baseFields';
import { APPLY_PHASES, applyStageRange, attachStage, detachStage, stageSize, type ApplyPhase } from '../db/baseApply';
import { BaseStage } from '../db/baseStage';
import { newId, nowIso } from '../db/ids';
import type { Db } from '../db/open';
import {
  advanceStagedApply,
  beginStagedApply,
  endStagedApply,
  pendingStagedApplies,
  recordImport,
  type ImportRecord,
  type StagedApply,
  type StagedPhase,
} from '../db/stagedApplies';
import { runWrite } from '../db/writeSession';
import { BaseWriter } from './baseWriter';
import { BaseRowApplier, type ApplyCounts } from './rowApplier';

/** Where a database's jobs keep their stages: a folder beside the database file. */
export function stageDir(db: Db): string {
  return join(dirname(db.name), 'trabajo');
}

export function newBaseStage(db: Db, importId: string): BaseStage {
  const dir = stageDir(db);
  mkdirSync(dir, { recursive: true });
  return BaseStage.create(join(dir, `base-${importId}.sqlite`), db);
}

export interface ApplyOptions {
  /** Called between write sessions with rows applied so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Awaited between write sessions: lets a clerk's save take the write lock (see deskGate). */
  between?: () => Promise<void> | void;
}

// One write session should hold the lock for about this long, so a save waits at most that.
const TARGET_MS = 60;

/**
 * Applies a sealed stage to the live database in short write sessions, recording in
 * `staged_applies` how far it got in the same sessions. Once it has begun it is finished:
 * a crash is resumed by `resumeStagedApplies`. The imports row is written by the last session.
 */
async function applyFrom(db: Db, a: StagedApply, o: ApplyOptions): Promise<void> {
  attachStage(db, a.stagePath);
  try {
    const sizes = APPLY_PHASES.map((p) => stageSize(db, p));
    const total = sizes.reduce((n, s) => n + s, 0);
    let phaseIndex = a.phase === 'finish' ? APPLY_PHASES.length : APPLY_PHASES.indexOf(a.phase);
    let next = a.nextNum;
    let batch = 2_000;
    while (phaseIndex < APPLY_PHASES.length) {
      const phase = APPLY_PHASES[phaseIndex] as ApplyPhase;
      const size = sizes[phaseIndex]!;
      if (next > size) {
        phaseIndex++;
        next = 1;
        continue;
      }
      await o.between?.();
      const to = Math.min(size, next + batch - 1);
      const started = performance.now();
      const following: [StagedPhase, number] = to >= size ? [APPLY_PHASES[phaseIndex + 1] ?? 'finish', 1] : [phase, to + 1];
      runWrite(db, (tx) => {
        applyStageRange(tx, phase, next, to);
        advanceStagedApply(tx, a.id, ...following);
      });
      const took = performance.now() - started;
      batch = took < TARGET_MS / 2 ? Math.min(batch * 2, 100_000) : took > TARGET_MS * 2 ? Math.max(batch >> 1, 200) : batch;
      next = to + 1;
      const done = sizes.slice(0, phaseIndex).reduce((n, s) => n + s, 0) + to;
      o.onProgress?.(done, total);
    }
    await o.between?.();
    runWrite(db, (tx) => {
      if (a.record) recordImport(tx, a.record, nowIso());
      endStagedApply(tx, a.id);
    });
  } finally {
    detachStage(db);
  }
  rmSync(a.stagePath, { force: true });
}

/** Seals the stage and applies it; returns when the whole file is in the live base. */
export async function applyBaseStage(db: Db, stage: BaseStage, record: ImportRecord | null, o: ApplyOptions = {}): Promise<void> {
  stage.seal();
  const a: StagedApply = { id: newId(), stagePath: stage.path, phase: 'customers', nextNum: 1, record };
  runWrite(db, (tx) => beginStagedApply(tx, a, nowIso()));
  await applyFrom(db, a, o);
}

/**
 * Finishes applies a crash or a kill interrupted (on start of the app, the browser mode and the
 * CLI). One whose stage file is gone cannot be finished: its row is dropped and reported.
 */
export async function resumeStagedApplies(db: Db): Promise<{ resumed: string[]; lost: string[] }> {
  const resumed: string[] = [];
  const lost: string[] = [];
  for (const a of pendingStagedApplies(db)) {
    if (!existsSync(a.stagePath)) {
      runWrite(db, (tx) => endStagedApply(tx, a.id));
      lost.push(a.record?.fileName ?? a.id);
      continue;
    }
    await applyFrom(db, a, {});
    resumed.push(a.record?.fileName ?? a.id);
  }
  return { resumed, lost };
}

/**
 * Loads base rows that are already in memory (the demo base, tests): the same rules and the
 * same stage-then-apply path as a file import, without a file.
 */
export async function loadBaseRows(db: Db, rows: Iterable<RawBaseRow>, station: string): Promise<ApplyCounts> {
  const importId = newId();
  const now = nowIso();
  const stage = newBaseStage(db, importId);
  try {
    const applier = new BaseRowApplier(new BaseWriter(stage, station, now, importId));
    let rowNo = 1;
    for (const raw of rows) applier.apply(raw, ++rowNo);
    await applyBaseStage(db, stage, null);
    return applier.counts;
  } catch (e) {
    stage.discard();
    throw e;
  }
}
