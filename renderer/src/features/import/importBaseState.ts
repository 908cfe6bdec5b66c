import { create } from 'zustand';
import type { BaseFieldKey } from '../../../../shared/baseFields';
import type { PickedFile } from '../../../../shared/contracts/fileRef';
import type { ImportSummary } from '../../../../shared/contracts/importBase';
import type { JobState } from '../../../../shared/contracts/jobs';
import type { Problem } from '../../components/ProblemBox';

export type ImportStep =
  | { kind: 'pick' }
  | { kind: 'running'; label: string; jobId: string; state: JobState | null }
  | { kind: 'mapping'; summary: ImportSummary }
  | { kind: 'preview'; summary: ImportSummary }
  | { kind: 'done'; summary: ImportSummary };

interface ImportBaseState {
  step: ImportStep;
  file: PickedFile | null;
  mapping: Array<BaseFieldKey | null>;
  problem: Problem;
  /** Bumped by `clear`: a job followed before it (another person's) no longer writes here. */
  epoch: number;
  clear(): void;
}

/**
 * Importar base's steps outlive the screen: a coordinator who looks at another screen while a
 * million rows are read comes back to the progress (and its Cancelar), or to the result and its
 * report, not to an empty chooser while the job runs on unseen. Cleared when the person changes.
 */
export const useImportBase = create<ImportBaseState>((set) => ({
  step: { kind: 'pick' },
  file: null,
  mapping: [],
  problem: null,
  epoch: 0,
  clear: () => set((s) => ({ step: { kind: 'pick' }, file: null, mapping: [], problem: null, epoch: s.epoch + 1 })),
}));
