import { appRecoveryKey } from '../../shared/contracts/app';
import { takePendingRecoveryKey } from '../app/recoveryKey';
import { handle } from './define';

export const recoveryKeyHandlers = [handle(appRecoveryKey, 'user', (_i, { app, session }) => ({ recoveryKey: takePendingRecoveryKey(app, session) }))];
