/**
 * Thrown by a long job that saw its cancel flag; whatever it had open is rolled back. It lives
 * below every use case so that imports, packages and depuración can stop without knowing who
 * runs them (the job worker, the CLI or a test).
 */
export class JobCancelled extends Error {
  constructor() {
    super('Cancelado por el usuario.');
  }
}

/** Asked between rows or stages; true once the user asked the job to stop. */
export type IsCancelled = () => boolean;
