import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RawBaseRow } from '../../shared/baseFields';
import { recordAudit } from '../db/audit';
import { pricesOf } from '../db/settings';
import { APPLY_PHASES, applyStageRange, attachStage, detachStage, stageSize, type ApplyPhase } from '../db/baseApply';
import { BaseStage } from '../db/baseStage';
import { newId, nowIso } from '../db/ids';
import { checkpointWal, setWalCheckpointPages, walCheckpointPages, type Db } from '../db/open';
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
import { log } from '../platform/log';
import { processAlive } from '../platform/processes';
import { BaseWriter } from './baseWriter';
import { BaseRowApplier, type ApplyCounts } from './rowApplier';

/** Where a database's jobs keep their stages: a folder beside the database file. */
export function stageDir(db: Db): string {
  return join(dirname(db.name), 'trabajo');
}

// A stage is named for the process writing it, so a later start can tell a killed run's from a live one's.
const STAGE_NAME = /^base-.+-p(\d+)\.sqlite(?:-journal|-wal|-shm)?$/;

export function newBaseStage(db: Db, importId: string): BaseStage {
  const dir = stageDir(db);
  mkdirSync(dir, { recursive: true });
  return BaseStage.create(join(dir, `base-${importId}-p${process.pid}.sqlite`), db);
}

/**
 * Removes the stages of imports killed while still reading their file (before the apply began,
 * so the live base holds none of it): nothing can finish them, and at a million rows they are
 * hundreds of megabytes. Stages of a live process, or of an apply still to resume, are kept.
 */
function removeDeadStages(db: Db, keep: ReadonlySet<string>): void {
  removeDeadScratch(db, STAGE_NAME, keep);
}

/**
 * Removes the scratch files beside the database named by `pattern` (its group 1 is the writing
 * process) whose process is gone, but those in `keep` (with their journals).
 */
export function removeDeadScratch(db: Db, pattern: RegExp, keep: ReadonlySet<string>): void {
  const dir = stageDir(db);
  for (const name of existsSync(dir) ? readdirSync(dir) : []) {
    const pid = name.match(pattern)?.[1];
    const path = join(dir, name);
    if (!pid || processAlive(Number(pid)) || keep.has(path.replace(/-(?:journal|wal|shm)$/, ''))) continue;
    rmSync(path, { force: true });
  }
}

export interface ApplyOptions {
  /** Called between write sessions with rows applied so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Awaited between write sessions: lets a clerk's save take the write lock (see deskGate). */
  between?: () => Promise<void> | void;
  /** Whether a clerk has been saving lately (deskGate): then sessions are kept short. */
  deskActive?: () => boolean;
}

/**
 * How long one write session should hold the lock: a save waits at most about that. Short while
 * the desk is saving; longer with nobody at the desk, because at a million rows each session's
 * commit rewrites every index page the session touched (the random keys' indexes spread over the
 * whole file): 60 ms sessions spent 35 of 56 s of the apply committing, 300 ms sessions 11.
 */
const DESK_TARGET_MS = 60;
const IDLE_TARGET_MS = 300;

/**
 * WAL pages the apply lets pile up before a commit copies them into the database file, while
 * nobody is saving. At SQLite's default (1,000 pages) nearly every session's commit copied back
 * the random-key index pages it had dirtied, and the next session dirtied the same pages again:
 * at a million rows the apply took 41 s so, 27 s at 8,000 (one session for everything: 17 s).
 * While the desk is saving it is the default again, so a clerk's commit, which copies back
 * whatever is pending when it finds more than the default, copies at most one idle stretch's
 * 32 MB (measured: a small commit then took 35–75 ms instead of 1 ms, once).
 */
export const IDLE_CHECKPOINT_PAGES = 8_000;

/** Sets the WAL for a long apply's next session (IDLE_CHECKPOINT_PAGES); `own` is the connection's setting. */
export function walForSession(db: Db, own: number, deskActive: boolean): void {
  setWalCheckpointPages(db, deskActive ? own : Math.max(own, IDLE_CHECKPOINT_PAGES));
}

/** Ends a long apply's stretch: the connection's own setting back, and what the WAL holds copied back so no clerk's commit has to. */
export function endWalStretch(db: Db, own: number, failure: string): void {
  setWalCheckpointPages(db, own);
  try {
    checkpointWal(db);
  } catch (e) {
    log.warn(failure, { err: e });
  }
}

/**
 * Rows for the next write session, from the pace of the last one (`batch` rows in `tookMs`): sized
 * to the target at once, so a clerk who starts saving meets a short session from the next one on;
 * it grows at most twofold per session, between 200 and 100,000 rows.
 */
export function nextBatchSize(batch: number, tookMs: number, deskActive: boolean): number {
  const target = deskActive ? DESK_TARGET_MS : IDLE_TARGET_MS;
  return Math.round(Math.min(100_000, Math.max(200, batch * Math.min(2, target / Math.max(tookMs, 1)))));
}

/**
 * Applies a sealed stage to the live database one short write session per `step()`, recording
 * in `staged_applies` how far it got in the same sessions. Once it has begun it is finished:
 * a crash is resumed by `resumeStagedApplies`. The imports row is written by the last session.
 */
class StagedApplier {
  private readonly sizes: number[];
  readonly total: number;
  private phaseIndex: number;
  private next: number;
  private batch = 2_000;
  private finished = false;
  /** The connection's own setting, put back when the apply ends. */
  private readonly checkpointPages: number;

  constructor(
    private readonly db: Db,
    private readonly a: StagedApply,
    private readonly deskActive: () => boolean = () => false,
  ) {
    this.checkpointPages = walCheckpointPages(db);
    attachStage(db, a.stagePath);
    this.sizes = APPLY_PHASES.map((p) => stageSize(db, p));
    this.total = this.sizes.reduce((n, s) => n + s, 0);
    this.phaseIndex = a.phase === 'finish' ? APPLY_PHASES.length : APPLY_PHASES.indexOf(a.phase);
    this.next = a.nextNum;
  }

  /** Rows applied so far, of `total`. */
  done(): number {
    const before = this.sizes.slice(0, this.phaseIndex).reduce((n, s) => n + s, 0);
    return this.phaseIndex >= APPLY_PHASES.length ? this.total : before + this.next - 1;
  }

  /** Applies the next range (or writes the record at the end); false once everything is in. */
  step(): boolean {
    if (this.finished) return false;
    const { db, a } = this;
    while (this.phaseIndex < APPLY_PHASES.length && this.next > this.sizes[this.phaseIndex]!) {
      this.phaseIndex++;
      this.next = 1;
    }
    if (this.phaseIndex >= APPLY_PHASES.length) {
      runWrite(db, (tx) => {
        if (a.record) recordImport(tx, a.record, nowIso());
        if (a.record?.audit) recordAudit(tx, a.record.audit.actor, a.record.audit.event);
        endStagedApply(tx, a.id);
      });
      this.finished = true;
      this.close();
      rmSync(a.stagePath, { force: true });
      return false;
    }
    const phase = APPLY_PHASES[this.phaseIndex] as ApplyPhase;
    const size = this.sizes[this.phaseIndex]!;
    const from = this.next;
    const to = Math.min(size, from + this.batch - 1);
    const following: [StagedPhase, number] = to >= size ? [APPLY_PHASES[this.phaseIndex + 1] ?? 'finish', 1] : [phase, to + 1];
    const started = performance.now();
    const deskActive = this.deskActive();
    walForSession(db, this.checkpointPages, deskActive);
    runWrite(db, (tx) => {
      applyStageRange(tx, phase, from, to);
      advanceStagedApply(tx, a.id, ...following);
    });
    this.batch = nextBatchSize(this.batch, performance.now() - started, deskActive);
    this.next = to + 1;
    return true;
  }

  /**
   * Detaches the stage and copies what the apply left in the WAL back, so no clerk's commit has to.
   * Called again after the last step closed it: nothing is attached or pending then.
   */
  close(): void {
    detachStage(this.db);
    endWalStretch(this.db, this.checkpointPages, 'import.checkpointFailed');
  }
}

async function applyFrom(db: Db, a: StagedApply, o: ApplyOptions): Promise<void> {
  const applier = new StagedApplier(db, a, o.deskActive);
  try {
    do {
      await o.between?.();
      o.onProgress?.(applier.done(), applier.total);
    } while (applier.step());
  } finally {
    applier.close();
  }
}

/** Seals the stage and applies it; returns when the whole file is in the live base. */
export async function applyBaseStage(db: Db, stage: BaseStage, record: ImportRecord | null, o: ApplyOptions = {}): Promise<void> {
  stage.seal();
  const a: StagedApply = { id: newId(), stagePath: stage.path, phase: 'customers', nextNum: 1, record };
  runWrite(db, (tx) => beginStagedApply(tx, a, nowIso()));
  await applyFrom(db, a, o);
}

/**
 * Finishes applies a crash or a kill interrupted. Runs when the app, the browser mode or the CLI
 * opens the database, before anything else reads it. One whose stage file is gone cannot be
 * finished: its row is dropped and reported.
 */
export function resumeStagedApplies(db: Db): { resumed: string[]; lost: string[] } {
  const resumed: string[] = [];
  const lost: string[] = [];
  const pending = pendingStagedApplies(db);
  removeDeadStages(db, new Set(pending.map((a) => a.stagePath)));
  for (const a of pending) {
    const name = a.record?.fileName ?? a.id;
    if (!existsSync(a.stagePath)) {
      runWrite(db, (tx) => endStagedApply(tx, a.id));
      lost.push(name);
      continue;
    }
    const applier = new StagedApplier(db, a);
    try {
      while (applier.step());
    } finally {
      applier.close();
    }
    resumed.push(name);
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
    const applier = new BaseRowApplier(new BaseWriter(stage, station, now, importId), null, undefined, pricesOf(db));
    let rowNo = 1;
    for (const raw of rows) applier.apply(raw, ++rowNo);
    await applyBaseStage(db, stage, null);
    return applier.counts;
  } catch (e) {
    stage.discard();
    throw e;
  }
}
