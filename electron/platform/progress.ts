/** How far a job that reads a file row by row has got; the worker forwards it as it comes. */
export interface RowProgress {
  rowsRead: number;
  bytesRead: number;
  totalBytes: number;
}

/** A job made of named stages reports the stage it is in and how much of the whole is done. */
export type StageReporter = (stage: string, done: number, total: number) => void;
