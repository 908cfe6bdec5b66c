import { create } from 'zustand';
import type { PickedFile } from '../../../../shared/contracts/fileRef';
import type { ImportSummary } from '../../../../shared/contracts/importBase';
import type { JobState } from '../../../../shared/contracts/jobs';
import type { Problem } from '../../components/ProblemBox';

export type ListStep =
  | { kind: 'pick' }
  | { kind: 'running'; label: string; jobId: string; state: JobState | null }
  | { kind: 'preview'; summary: ImportSummary }
  | { kind: 'done'; summary: ImportSummary };

interface ImportHandoverListState {
  step: ListStep;
  file: PickedFile | null;
  problem: Problem;
  /** Bumped by `clear`: a job followed before it (another person's) no longer writes here. */
  epoch: number;
  clear(): void;
}

/**
 * Entregas anteriores' steps outlive the screen, as Importar base's do (importBaseState.ts): a
 * coordinator who looks elsewhere while the list is read comes back to its progress and Cancelar,
 * or to its preview, not to an empty chooser. Cleared when the person changes.
 */
export const useImportHandoverList = create<ImportHandoverListState>((set) => ({
  step: { kind: 'pick' },
  file: null,
  problem: null,
  epoch: 0,
  clear: () => set((s) => ({ step: { kind: 'pick' }, file: null, problem: null, epoch: s.epoch + 1 })),
}));
