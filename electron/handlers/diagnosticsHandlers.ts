import { appDiagnostics } from '../../shared/contracts/app';
import { writeDiagnostics } from '../app/diagnostics';
import { handle } from './define';

export const diagnosticsHandlers = [handle(appDiagnostics, 'diagnostics', (_i, { app }) => writeDiagnostics(app))];
