/** Thrown by a long job that saw its cancel flag; whatever it had open is rolled back. */
export class JobCancelled extends Error {
  constructor() {
    super('Cancelado por el usuario.');
  }
}
