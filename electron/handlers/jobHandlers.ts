import { jobsHistory } from '../../shared/contracts/jobs';
import { jobHistory } from '../app/jobHistory';
import { handle } from './define';

/** The job history: who ran which long job, how it ended and what to do about an interrupted one. */
export const jobHandlers = [handle(jobsHistory, 'import', (input, { app }) => ({ jobs: jobHistory(app.db, input.limit) }))];
