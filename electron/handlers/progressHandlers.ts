import { progressReport } from '../../shared/contracts/progress';
import { progressReport as computeProgress } from '../app/progress';
import { handle } from './define';

/** Avance: read-only figures; whose actas they cover follows the caller's role (electron/app/progress.ts). */
export const progressHandlers = [handle(progressReport, 'progress', (input, ctx) => computeProgress(ctx.app.db, input, ctx.session.user!.role))];
